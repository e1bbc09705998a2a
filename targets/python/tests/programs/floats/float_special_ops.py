# Float operations near zero, signed zeros, and huge/tiny values.
import math
print(0.0 == -0.0, math.copysign(1, -0.0), str(-0.0), -0.0 + 0.0, abs(-0.0), 1 / float("inf"))
print(5e-324 / 2, 5e-324 * 0.5, 1e308 * 10, -1e308 * 10, 1e-320, 2.2250738585072014e-308)
print(math.fmod(-7.5, 2), -7.5 % 2, math.remainder(7, 2) if hasattr(math, "remainder") else "")
print(round(-0.4), round(-0.5), round(0.49999999999999994), math.floor(-0.0), int(-0.9))
print(float("1e400"), float("-1e400"), float("1e-400"))
print(1.0 == 1, 0.1 + 0.7, 1.1 * 3, 0.57 * 100, 4.35 * 100, 1.15 * 100)
