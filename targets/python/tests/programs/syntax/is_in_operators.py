# is / is not / in / not in on many kinds of containers and singletons.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a is not c, a == c, None is None, True is True)
print(2 in a, 3 not in a, "ell" in "hello", "x" in "", "k" in {"k": 1}, 1 in {"k": 1}, 2 in {1, 2}, (1, 2) in [(1, 2)], 5 in range(10), 5.0 in range(10), 10 in range(10))
print(b"a" in b"abc", 97 in b"abc", [1] in [[1], 2], None in [0, False, ""])
x = 300
y = 300
print(x == y, type(x) is type(y), isinstance(x, int) is True)
