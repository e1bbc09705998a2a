# divmod on ints, floats, negatives and big ints.
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(-7, -2), divmod(0, 3))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(2 ** 70, 10 ** 9), divmod(-(2 ** 70), 7))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
class D:
    def __divmod__(self, o):
        return ("custom", o)
print(divmod(D(), 3))
