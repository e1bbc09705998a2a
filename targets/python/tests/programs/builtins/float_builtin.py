# float() constructor.
print(float(), float(3), float("2.5"), float("-1e3"), float(" inf "), float("-nan"), float(2 ** 60), float(True))
class F:
    def __float__(self):
        return 1.25
print(float(F()), float("1_0.5"))
try:
    float([1])
except TypeError as e:
    print("TypeError:", e)
