# Generator expressions are lazy and single-pass.
squares = (x * x for x in range(10))
print(type(squares).__name__)
print(next(squares), next(squares))
print(list(squares))
print(list(squares))
print(sum(x for x in range(101)))
print(max(len(w) for w in ["a", "abc", "ab"]))
def noisy(n):
    for i in range(n):
        print("produce", i)
        yield i
g = (x * 10 for x in noisy(3))
print("nothing yet")
for v in g:
    print("consume", v)
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
print(any(x > 5 for x in range(10)), all(x < 5 for x in range(10)))
