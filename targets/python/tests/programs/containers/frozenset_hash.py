# frozenset hashes are CPython's (order-independent, nested sets spread out)
for fs in [frozenset(), frozenset([1]), frozenset([1, 2, 3]), frozenset(range(100)),
           frozenset([-1, -2, 2**61, 2**64]), frozenset([1.5, 0.25, (1, 2)]),
           frozenset([frozenset([1]), frozenset([2, 3])]), frozenset([True, "x" == "y"])]:
    print(hash(fs))
a = frozenset([3, 1, 2])
b = frozenset([1, 2, 3])
print(hash(a) == hash(b), a == b)
s = {a, b, frozenset([1, 2])}
print(len(s))
d = {frozenset([1, 2]): "x"}
print(d[frozenset([2, 1])])
# a frozenset after deletions in the set it came from
t = set(range(20))
for i in range(0, 20, 3):
    t.discard(i)
print(hash(frozenset(t)), hash(frozenset(sorted(t))))
