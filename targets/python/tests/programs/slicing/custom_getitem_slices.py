# __getitem__ receives slice objects for slicing syntax.
class Show:
    def __getitem__(self, key):
        return key
s = Show()
print(s[1], s[1:2], s[::3], s[1:2, 3], s[..., 1], s[:], s["a":"b"])
class MyRange:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(self.n))]
        if k < 0:
            k += self.n
        if not 0 <= k < self.n:
            raise IndexError("MyRange index out of range")
        return k * 10
m = MyRange(6)
print(m[2], m[-1], m[1:4], m[::-2], m[10:], list(m))
