# Comprehensions mixed with generator expressions and functions.
def evens(n):
    return (x for x in range(n) if x % 2 == 0)
print([e * e for e in evens(10)])
print(sum(sum(r) for r in [[1, 2], [3], [4, 5, 6]]))
pyth = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b)
        if a * a + b * b == c * c]
print(pyth)
print(dict((k, v) for k, v in zip("abc", range(3))))
print(set(c for c in "mississippi") == {"m", "i", "s", "p"})
print(sorted(set(c for c in "mississippi")))
