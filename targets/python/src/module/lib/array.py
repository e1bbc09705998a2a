"""array for python-c: typed arrays, in Python over a list (values are checked and
converted by the type code)."""

typecodes = "bBuhHiIlLqQfd"

_INT_RANGES = {
    "b": (-128, 127), "B": (0, 255), "h": (-32768, 32767), "H": (0, 65535),
    "i": (-2147483648, 2147483647), "I": (0, 4294967295),
    "l": (-9223372036854775808, 9223372036854775807), "L": (0, 18446744073709551615),
    "q": (-9223372036854775808, 9223372036854775807), "Q": (0, 18446744073709551615),
}
_SIZES = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8,
          "q": 8, "Q": 8, "f": 4, "d": 8}


class array:
    def __init__(self, typecode, initializer=()):
        if typecode not in _SIZES:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self.typecode = typecode
        self.itemsize = _SIZES[typecode]
        self._items = []
        for x in initializer:
            self.append(x)

    def _check(self, x):
        t = self.typecode
        if t in "fd":
            if not isinstance(x, (int, float)):
                raise TypeError("must be real number, not " + type(x).__name__)
            return float(x)
        if t == "u":
            return x
        if not isinstance(x, int):
            raise TypeError("'" + type(x).__name__ + "' object cannot be interpreted as an integer")
        lo, hi = _INT_RANGES[t]
        if x < lo or x > hi:
            if lo == 0 and x < 0:
                raise OverflowError("unsigned " + ("byte" if t == "B" else "short" if t == "H" else "int") + " is less than minimum")
            raise OverflowError(("signed char" if t == "b" else "signed short integer" if t == "h" else "signed integer") + " is greater than maximum" if x > hi else " is less than minimum")
        return x

    def append(self, x):
        self._items.append(self._check(x))

    def extend(self, it):
        for x in it:
            self.append(x)

    def insert(self, i, x):
        self._items.insert(i, self._check(x))

    def pop(self, i=-1):
        return self._items.pop(i)

    def remove(self, x):
        self._items.remove(x)

    def index(self, x):
        return self._items.index(x)

    def count(self, x):
        return self._items.count(x)

    def reverse(self):
        self._items.reverse()

    def tolist(self):
        return list(self._items)

    def buffer_info(self):
        return (0, len(self._items))

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return array(self.typecode, self._items[i])
        return self._items[i]

    def __setitem__(self, i, x):
        self._items[i] = self._check(x)

    def __contains__(self, x):
        return x in self._items

    def __eq__(self, other):
        if isinstance(other, array):
            return self._items == other._items
        return NotImplemented

    def __add__(self, other):
        return array(self.typecode, self._items + other._items)

    def __mul__(self, n):
        return array(self.typecode, self._items * n)

    def __repr__(self):
        if not self._items:
            return "array('" + self.typecode + "')"
        return "array('" + self.typecode + "', " + repr(self._items) + ")"
