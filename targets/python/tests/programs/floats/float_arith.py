# Float arithmetic, floor division and modulo of floats, divmod.
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2, divmod(7.5, 2), divmod(-7.5, 2))
print(0.1 * 3, 0.1 + 0.1 + 0.1 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-15)
print(2.0 ** 10, 2 ** 0.5, (-2.0) ** 2, 10.0 ** -2, 1e308 + 1e308)
print(1.0 / 3, 5.0 % 0.3, -0.0 + 0.0, -0.0 * 1, 0.0 * -1)
print(3 * 1.5, 3 + 1.5, 3 - 1.5, 3 / 1.5, 2 ** -1.0)
try:
    1.0 / 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1.0 % 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    0.0 ** -1.5
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
