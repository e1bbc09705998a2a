# A float loop: Newton's method, a series, and accumulation.
def sqrt_newton(x):
    g = x / 2
    for _ in range(30):
        g = (g + x / g) / 2
    return g
print([sqrt_newton(v) for v in (2.0, 10.0, 144.0, 0.25)])
s = 0.0
for k in range(1, 100001):
    s += 1.0 / (k * k)
print(s, (s * 6) ** 0.5)
x = 0.0
for i in range(1000):
    x += 0.001
print(x, round(x, 10))
pi = 0.0
sign = 1.0
for k in range(200000):
    pi += sign / (2 * k + 1)
    sign = -sign
print(4 * pi)
