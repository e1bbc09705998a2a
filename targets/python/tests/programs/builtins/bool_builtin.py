# bool() and truth values.
print(bool(), bool(0), bool(1), bool(-1), bool(0.0), bool(1e-300), bool(""), bool(" "), bool([]), bool([0]), bool(()), bool({}), bool(set()), bool(None), bool(range(0)), bool(b""))
print(True and False, True or False, not True, True & False, True | False, True ^ True, type(True & True).__name__, True + True)
print(isinstance(False, int), int(True), str(False), repr(True), bool("False"))
