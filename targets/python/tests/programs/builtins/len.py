# len of every sized built-in and of a user class.
class Box:
    def __len__(self):
        return 7
print(len(""), len("abc"), len([1, 2]), len((1,)), len({"a": 1}), len({1, 2, 3}), len(frozenset()), len(range(10)), len(b"xy"), len(bytearray(4)), len(Box()))
try:
    len(3)
except TypeError as e:
    print("TypeError:", e)
class Neg:
    def __len__(self):
        return -1
try:
    len(Neg())
except ValueError as e:
    print("ValueError:", e)
