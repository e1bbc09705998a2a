# Comprehension variables do not leak; the first iterable is evaluated in the enclosing scope.
i = 100
squares = [i * i for i in range(4)]
print(squares, i)
class C:
    data = [1, 2, 3]
    total = [x * 2 for x in data]
print(C.total)
def f():
    n = 3
    return [n * k for k in range(n)]
print(f())
funcs = [lambda: k for k in range(3)]
print([g() for g in funcs])
print([[x for x in range(y)] for y in range(4)])
