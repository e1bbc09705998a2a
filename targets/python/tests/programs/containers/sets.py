# set operations; printing only small int sets or sorted string sets.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b, a <= b, {3} < a, a >= {1}, a.isdisjoint({9}))
print(a.union([7]), a.intersection(b, {4}), a.difference([1]), a.symmetric_difference(b))
s = set()
s.add(3); s.add(3); s.add(1)
s.update([5, 6], {7})
print(s, len(s))
s.discard(42); s.remove(5)
print(s, 6 in s, 5 in s)
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
words = {"pear", "apple", "fig"}
print(sorted(words), sorted(words | {"kiwi"}), "fig" in words)
c = s.copy(); c.clear()
print(s, c, set(), set("aab") == {"a", "b"})
s &= {1, 3, 6}
s |= {100}
s -= {1}
print(s)
print(sorted({x % 7 for x in range(50)}), len(set(range(1000)) ^ set(range(500, 1500))))
print({1, 2} == {2, 1}, {1, 2} == frozenset({1, 2}), set([1, 1, 2]) == {1, 2})
