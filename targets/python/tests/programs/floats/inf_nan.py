# Infinities and NaN: arithmetic, comparisons, printing, parsing.
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, repr(inf), str(-inf))
print(inf + 1, inf * -1, inf - inf, inf * 0, 1 / inf, -1 / inf)
print(nan == nan, nan != nan, nan < 1, nan > 1, inf > 1e308, -inf < -1e308, inf == inf)
print(float("INF"), float("-Infinity"), float("nan"), float(" 1.5 "), float("1e-3"), float("-0"))
import math
print(math.isinf(inf), math.isnan(nan), math.isfinite(1.0), math.isfinite(inf), math.inf == inf)
print(max(1.0, inf), min(-inf, 0), sorted([3.0, -inf, inf, 0.0]))
print(1e308 * 10, -1e308 * 10, 2.0 ** 1023 * 2)
try:
    int(inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(nan)
except ValueError as e:
    print("ValueError:", e)
