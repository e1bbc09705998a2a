# A loop calling methods on an instance: attribute reads and writes through the instance's
# map, a method found through the class.
class Counter:
    def __init__(self):
        self.count = 0
        self.step = 3

    def bump(self, k):
        self.count += self.step + k
        return self.count

    def value(self):
        return self.count


def main(n):
    c = Counter()
    i = 0
    while i < n:
        c.bump(i & 7)
        i += 1
    return c.value()

print(main(6000000))
