# The iterator protocol written by hand with __iter__ and __next__.
class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(5)))
c = Countdown(3)
print(next(c), next(c), next(c), next(c, "done"))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return Range2Iter(self.n)
class Range2Iter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i - 1
r = Range2(3)
print([(a, b) for a in r for b in r])
print(sum(Countdown(100)), sorted(Countdown(4)), dict(zip(Countdown(3), "abc")))
