# int() constructor in all its forms.
print(int(), int(7), int(-7.9), int("  12 "), int("-0"), int("1010", 2), int("ff", 16), int("Zz", 36), int("0b11", 0), int(True), int(2 ** 70 + 0.0))
class WithInt:
    def __int__(self):
        return 99
class WithIndex:
    def __index__(self):
        return 5
print(int(WithInt()), int(WithIndex()), [10, 20, 30, 40, 50, 60][WithIndex()])
for bad in [("12", 1), ("9", 8), (1.5, 10)]:
    try:
        int(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
