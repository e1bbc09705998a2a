# format() with specs on ints, floats, strings and objects.
print(format(3.14159, ".3f"), format(42, "06d"), format(42, "+"), format("s", "^5"), format(255, "#x"), format(255, "#o"))
print(format(1234567.891, ",.1f"), format(0.000123, ".2e"), format(12, "b"), format(-12, "08"), format(5, ""))
print(format("text", "10") + "|", format("text", ">10"), format(True, "d"), format(3, ".2f"))
class X:
    def __format__(self, spec):
        return "X[" + spec + "]"
print(format(X(), "abc"), f"{X():zz}", "{:q}".format(X()))
try:
    format(3, "z")
except ValueError as e:
    print("ValueError:", e)
