# Int methods and attributes.
n = 1234
print(n.bit_length(), (0).bit_length(), (-5).bit_length(), n.real, n.imag, n.numerator, n.denominator)
print((-7).__abs__(), (5).__add__(3), (10).__floordiv__(3), (6).conjugate())
print(int.__name__, type(n) is int, isinstance(True, int), bool.__mro__[1].__name__)
print(True + 1, False * 5, True == 1, hash(True) == hash(1), {1: "int", True: "bool"})
print(abs(-5), -abs(5), max(3, -10, key=abs), sum(range(1, 1001)))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5))
print((17).__divmod__(5), (3).__pow__(2), (3).__rpow__(2))
