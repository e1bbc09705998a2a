# round(), int truncation, floor/ceil, and banker's rounding.
import math
for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 0.125, 0.375, 12345.6789]:
    print(v, round(v), round(v, 1), round(v, 2), int(v), math.floor(v), math.ceil(v), math.trunc(v))
print(round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(15, -1), round(25, -1))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(2.5, 0))
print(round(5e-324, 400), round(1e300, -290))
