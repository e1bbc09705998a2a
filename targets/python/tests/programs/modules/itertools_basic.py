# itertools: count, cycle, repeat, chain, islice, accumulate.
import itertools as it
print(list(it.islice(it.count(), 5)), list(it.islice(it.count(10, 3), 4)), list(it.islice(it.count(1.5, 0.5), 3)))
print(list(it.islice(it.cycle("ab"), 5)), list(it.repeat("x", 3)), list(zip(range(3), it.repeat(0))))
print(list(it.chain([1, 2], "ab", (3,))), list(it.chain.from_iterable([[1], [2, 3]])))
print(list(it.islice(range(20), 2, 10, 3)), list(it.islice("abcdef", 3)), list(it.islice("abcdef", 2, None)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3, 4], lambda a, b: a * b)), list(it.accumulate([3, 1, 4], max)), list(it.accumulate([1, 2], initial=100)))
