# Chained comparisons evaluate each operand once and short-circuit.
calls = []
def v(x):
    calls.append(x)
    return x

print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 < 2 > 0)
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(5) < v(2) < v(3), calls)
calls.clear()
print(v(1) <= v(1) != v(2) >= v(0), calls)
x = 5
print(0 < x < 10, 0 < x < 3, 1 <= x <= 5)
a = 1
print(1 < 2 in [2, 3], a is not None is not False)
a = [1]
b = a
print(a is b is a, a is not [1])
print("a" < "b" < "c" < "cd")
print((1, 2) < (1, 3) < (2,))
