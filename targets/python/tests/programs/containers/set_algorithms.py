# Set-based algorithms: unique items, common elements, graph reachability.
nums = [5, 3, 5, 1, 3, 9, 1]
seen = set()
unique = []
for n in nums:
    if n not in seen:
        seen.add(n)
        unique.append(n)
print(unique, sorted(seen))
a = set(range(0, 50, 3))
b = set(range(0, 50, 5))
print(sorted(a & b), len(a | b), sorted(a - b)[:5], sorted(a ^ b)[:5])
edges = [(1, 2), (2, 3), (4, 5), (3, 1), (5, 6)]
adj = {}
for u, v in edges:
    adj.setdefault(u, set()).add(v)
    adj.setdefault(v, set()).add(u)
def component(start):
    comp, todo = set(), [start]
    while todo:
        n = todo.pop()
        if n not in comp:
            comp.add(n)
            todo.extend(adj[n] - comp)
    return sorted(comp)
print(component(1), component(4))
