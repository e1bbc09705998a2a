# frozenset: immutable, hashable, usable as dict keys and set members.
f = frozenset([3, 1, 2, 3])
print(f, len(f), 2 in f, f | {9}, f & {1, 9}, type(f | {9}).__name__, type({9} | f).__name__)
print(hash(f) == hash(frozenset([1, 2, 3])), {f: "key"}[frozenset([1, 2, 3])])
groups = {frozenset({1, 2}), frozenset({2, 1}), frozenset({3})}
print(len(groups))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
print(frozenset(), frozenset("aa"), f.issubset({1, 2, 3, 4}), f.issuperset([1]))
