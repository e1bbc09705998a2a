# dict methods; insertion order is kept.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0), "a" in d, "z" not in d, len(d))
print(d.setdefault("a", 100), d.setdefault("z", 26), d)
print(d.pop("z"), d.pop("missing", "dflt"), d)
d.update({"x": 9}, y=10)
d.update([("w", 11)])
print(d)
print(d.popitem(), d)
c = d.copy()
c["new"] = 1
print(len(d), len(c), dict.fromkeys("abc", 0), dict.fromkeys([1, 2]))
del d["a"]
print(d, {**d, "q": 1}, d | {"r": 2})
d |= {"s": 3}
print(d)
d.clear()
print(d, bool(d))
try:
    d.pop("k")
except KeyError as e:
    print("KeyError:", e)
