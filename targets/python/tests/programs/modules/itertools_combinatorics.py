# itertools: product, permutations, combinations.
import itertools as it
print(list(it.product("ab", [1, 2])), len(list(it.product(range(3), repeat=3))))
print(list(it.permutations([1, 2, 3])), list(it.permutations("abc", 2)))
print(list(it.combinations("abcd", 2)), list(it.combinations_with_replacement("ab", 2)))
print(sum(1 for _ in it.permutations(range(6))), list(it.combinations(range(5), 0)), list(it.combinations(range(2), 3)))
