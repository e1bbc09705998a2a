# itertools used for counting problems.
import itertools
dice = list(itertools.product(range(1, 7), repeat=2))
sums = {}
for a, b in dice:
    sums[a + b] = sums.get(a + b, 0) + 1
print(sorted(sums.items()))
print(sum(1 for p in itertools.permutations(range(5)) if all(p[i] != i for i in range(5))))
print(len(list(itertools.combinations(range(10), 4))), list(itertools.islice(itertools.combinations("abcde", 3), 4)))
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
print({k: list(g) for k, g in itertools.groupby(words, key=lambda w: w[0])})
print(list(itertools.accumulate(range(1, 6), lambda a, b: a * b)), list(itertools.starmap(lambda a, b: a - b, zip([5, 6], [1, 2]))))
