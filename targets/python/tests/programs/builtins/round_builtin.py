# round() with ndigits, negative ndigits, ties to even.
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(3.14159, 2), round(2.675, 2), round(1234, -2), round(1250, -2), round(-1250, -2))
print(round(7), round(7, 2), type(round(7.0)).__name__, type(round(7.0, 1)).__name__, round(1e15 + 0.5), round(0.1 + 0.2, 10))
class R:
    def __round__(self, n=None):
        return ("rounded", n)
print(round(R()), round(R(), 3))
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
