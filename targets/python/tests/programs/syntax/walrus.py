# Assignment expressions.
data = [1, 5, 12, 7, 30]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 10])
print(y)
it = iter([3, 2, 1, 0, 5])
while (v := next(it)) != 0:
    print("got", v)
def f():
    return [(last := i) for i in range(4)], last
print(f())
print((z := 5) + z)
