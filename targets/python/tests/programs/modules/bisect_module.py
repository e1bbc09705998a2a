# bisect: bisect_left/right, insort, searching sorted lists.
import bisect
a = [1, 2, 4, 4, 4, 7, 9]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4), bisect.bisect_left(a, 0), bisect.bisect_right(a, 100), bisect.bisect_left(a, 5))
bisect.insort(a, 5)
bisect.insort_left(a, 4)
bisect.insort_right(a, 0)
print(a)
print(bisect.bisect_left(a, 4, 4), bisect.bisect_right(a, 4, 0, 3))
def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
keys = [("a", 1), ("c", 3)]
bisect.insort(keys, ("b", 2))
print(keys, bisect.bisect_left([10, 20, 30], 25, key=None))
from bisect import bisect as bis
print(bis([1, 3, 5], 3))
