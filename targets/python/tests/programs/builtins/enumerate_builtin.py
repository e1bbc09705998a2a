# enumerate with and without start.
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate([], 5)), list(enumerate(range(3), -1)))
for i, (a, b) in enumerate(zip("xy", "pq")):
    print(i, a, b)
e = enumerate(["p", "q"])
print(next(e), next(e), next(e, None), dict(enumerate("hi")))
