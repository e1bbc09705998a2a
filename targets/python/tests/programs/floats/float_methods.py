# float methods and conversions.
x = 2.5
print(x.is_integer(), (3.0).is_integer(), x.as_integer_ratio(), (0.1).as_integer_ratio())
print(float(7), float("  -3.25e2 "), float(True), float(10 ** 20), int(2.9e3))
print(x.real, x.imag, x.conjugate(), abs(-x), -x, +x)
print((1.5).hex(), float.fromhex("0x1.8p1"), (0.1).hex())
print(hash(1.0) == hash(1), hash(0.5) == hash(0.5), float.__name__)
print(sum([0.1] * 10), math_sum if False else "")
import math
print(math.fsum([0.1] * 10), sum([0.1] * 10) == 1.0)
