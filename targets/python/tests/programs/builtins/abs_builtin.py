# abs() on ints, floats, bools, big ints and user classes.
class V:
    def __abs__(self):
        return "abs called"
print(abs(-3), abs(3), abs(-0.5), abs(-0.0), abs(True), abs(-(2 ** 100)), abs(float("-inf")), abs(V()))
try:
    abs("s")
except TypeError as e:
    print("TypeError:", e)
