# Generator expressions evaluate their first iterable at once, the rest lazily.
x = [1, 2, 3]
g = (v * 10 for v in x)
x = [100]
print(list(g))
y = [1, 2]
g = (a + b for a in range(2) for b in y)
y = [10, 20]
print(list(g))
def gen_in_func(n):
    return list(i for i in range(n) if i % 2)
print(gen_in_func(10))
print(list((i, j) for i in range(3) for j in range(3) if i < j))
