# collections.defaultdict: factories list, int, set, lambda.
from collections import defaultdict
g = defaultdict(list)
for a, b in [(1, 2), (1, 3), (2, 4)]:
    g[a].append(b)
print(g, dict(g), g[99], len(g))
c = defaultdict(int)
for ch in "mississippi":
    c[ch] += 1
print(sorted(c.items()))
s = defaultdict(set)
s["x"].add(1); s["x"].add(1)
print(dict(s))
d = defaultdict(lambda: "N/A", {"k": "v"})
print(d["k"], d["missing"], "missing" in d, d.get("other"), d.default_factory is not None)
nd = defaultdict(lambda: defaultdict(int))
nd["a"]["b"] += 2
print({k: dict(v) for k, v in nd.items()})
