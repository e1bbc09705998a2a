# Iterating dicts, views, changing size during iteration.
d = {"one": 1, "two": 2, "three": 3}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, v)
keys = d.keys()
d["four"] = 4
print(list(keys), len(keys), "four" in keys)
print(sorted(d.values()), sum(d.values()), max(d, key=d.get))
try:
    for k in d:
        d[k + "!"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
d2 = {k: v for k, v in d.items() if not k.endswith("!")}
for k in list(d2):
    if d2[k] % 2:
        del d2[k]
print(d2)
print(dict(a=1, b=2), dict([("x", 1)]), dict(zip("ab", [1, 2])), dict({"k": 1}, k2=2))
print(list(reversed({"a": 1, "b": 2})), {1: "a"} == {1: "a"}, {1: 2} != {1: 3})
