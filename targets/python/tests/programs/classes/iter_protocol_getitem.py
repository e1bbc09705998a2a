# Iteration falls back to __getitem__; `in` falls back to iteration.
class Squares:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i
class Evens:
    def __iter__(self):
        return iter(range(0, 10, 2))
print(list(Squares(5)), 16 in Squares(5), 15 in Squares(5), 4 in Evens(), 5 in Evens())
a, b, c = Squares(3)
print(a, b, c, sorted(Squares(4), reverse=True), max(Evens()))
