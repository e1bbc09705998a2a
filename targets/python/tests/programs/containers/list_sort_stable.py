# Sorting is stable; key and reverse; sorting records.
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 20)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people))
by_age = sorted(people, key=lambda p: p[0])
by_age.sort(key=lambda p: p[1])
print(by_age)
nums = [5, -3, 2, -8, 0, 7]
print(sorted(nums, key=abs), sorted(nums, key=lambda x: -x), max(nums, key=abs), min(nums, key=lambda x: x * x))
l = list(range(20))
l.sort(key=lambda x: x % 3)
print(l)
import random
random.seed(7)
big = [random.randint(0, 1000) for _ in range(500)]
s = sorted(big)
print(all(s[i] <= s[i + 1] for i in range(len(s) - 1)), s[:5], s[-5:], len(s))
