# math: constants and functions with exactly representable or rounded results.
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan != math.nan)
print(math.sqrt(2), math.sqrt(16), math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024), math.log1p(0))
print(math.sin(0), math.cos(0), math.tan(0), math.sin(math.pi / 2), round(math.cos(math.pi), 12), math.atan2(1, 1), math.asin(1), math.acos(1), math.atan(1))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.fabs(-3), math.copysign(2, -0.0), math.fmod(7, -3), math.hypot(3, 4))
print(math.factorial(20), math.gcd(12, 18), math.gcd(0, 0), math.lcm(4, 6), math.isqrt(99), math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]))
print(math.degrees(math.pi), math.radians(180), math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.modf(3.75), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.pow(2, 10), math.fsum([0.1] * 10), math.sinh(0), math.cosh(0), math.tanh(0), math.erf(0), math.gamma(5), math.lgamma(1))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
from math import sqrt, pi as PI
print(sqrt(81), PI)
