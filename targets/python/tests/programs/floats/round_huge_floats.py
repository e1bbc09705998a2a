# round(), int() and math.floor/ceil of floats past 2**63 give the exact int.
import math
for x in [-3.2158776280834092e+39, 1e300, 2.0 ** 64, -(2.0 ** 63) - 2048, 1.5e22, 9.3e18]:
    print(round(x), int(x), math.floor(x), math.ceil(x), math.trunc(x), round(x, -20) == x or round(x, -20))
for bad in [float("inf"), float("-inf"), float("nan")]:
    for f in (round, int, math.floor):
        try:
            f(bad)
        except (OverflowError, ValueError) as e:
            print(f.__name__, type(e).__name__, e)
