# sum with start values and mixed numbers.
print(sum([]), sum([1, 2, 3]), sum(range(101)), sum([0.5, 0.25]), sum([1, 2.5]), sum([[1], [2]], []), sum(((1,), (2,)), ()), sum([1, 2], 10), sum(x for x in range(5)), sum([True, True, False]))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
print(sum([10 ** 20, 10 ** 20]), sum([0.1] * 3))
