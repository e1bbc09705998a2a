# itertools: groupby, takewhile, dropwhile, starmap, zip_longest, compress, tee, filterfalse, pairwise.
import itertools as it
for k, g in it.groupby("aaabbcaa"):
    print(k, list(g))
print([(k, len(list(g))) for k, g in it.groupby(sorted([3, 1, 2, 3, 1, 3]))])
print([(k, list(g)) for k, g in it.groupby(range(10), key=lambda x: x // 3)])
print(list(it.takewhile(lambda x: x < 5, [1, 4, 6, 2])), list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 2])))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.zip_longest("ab", "xyz", fillvalue="-")), list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])))
a, b = it.tee([1, 2, 3])
print(list(a), list(b), list(it.filterfalse(lambda x: x % 2, range(8))), list(it.pairwise("abcd")))
