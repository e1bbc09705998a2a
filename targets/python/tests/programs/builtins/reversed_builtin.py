# reversed() on sequences and user classes.
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1, 2))), list(reversed(range(4))), "".join(reversed("hello")))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return "abc"[i]
class Rev:
    def __reversed__(self):
        return iter([9, 8, 7])
print(list(reversed(Seq())), list(reversed(Rev())), list(reversed({"a": 1, "b": 2})))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
r = reversed([1, 2])
print(next(r), next(r), next(r, "end"))
