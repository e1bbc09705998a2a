# dict keeps insertion order through updates, deletes and re-inserts.
d = {}
for k in "python":
    d[k] = ord(k)
print(list(d))
del d["t"]
d["t"] = 0
print(list(d))
d["p"] = -1
print(list(d.items())[:2])
d2 = dict(sorted(d.items(), key=lambda kv: kv[1]))
print(d2)
print(list({**{"b": 1}, "a": 2, "b": 3}), dict.fromkeys("hello"), list(dict.fromkeys("mississippi")))
