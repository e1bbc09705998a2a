# Big integer results of factorial and Fibonacci.
import math
f = 1
for i in range(2, 101):
    f *= i
print(f)
print(f == math.factorial(100), len(str(f)), str(f).count("0"))
a, b = 0, 1
for _ in range(300):
    a, b = b, a + b
print(a)
print(a % 1000000007, a.bit_length())
print(math.comb(60, 30), math.perm(20, 10), math.gcd(f, 2 ** 200), math.isqrt(10 ** 41))
