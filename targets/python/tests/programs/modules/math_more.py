# math: integer functions on big values and float functions at special points.
import math
print(math.isqrt(10 ** 40), math.isqrt(2 ** 101), math.factorial(25), math.gcd(2 ** 100, 6 ** 50), math.lcm(2 ** 10, 3 ** 5))
print(math.sqrt(0.0), math.sqrt(float("inf")), math.exp(0), math.exp(-1000), math.log(1), math.log10(0.001))
print(math.floor(1e20), math.ceil(-1e20), type(math.floor(2.5)).__name__, math.floor(-0.5), math.ceil(0.5))
print(math.dist([0, 0], [3, 4]), math.hypot(1, 1, 1, 1), math.prod(range(1, 11)), math.fsum([1e100, 1.0, -1e100]))
print(math.nan in [math.nan], math.isnan(math.inf - math.inf), math.isinf(-math.inf))
