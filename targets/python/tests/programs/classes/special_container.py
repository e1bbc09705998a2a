# Container protocol: __len__, __getitem__, __setitem__, __delitem__, __contains__, __iter__.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __len__(self):
        return self.w * self.h
    def __getitem__(self, key):
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError("cell %r out of range" % (key,))
        return self.cells.get(key, ".")
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __delitem__(self, key):
        del self.cells[key]
    def __contains__(self, value):
        return value in self.cells.values()
    def __iter__(self):
        for y in range(self.h):
            yield "".join(self[x, y] for x in range(self.w))
g = Grid(4, 3)
g[1, 1] = "#"
g[2, 0] = "@"
print(len(g), g[1, 1], g[0, 0], "#" in g, "%" in g)
for row in g:
    print(row)
del g[1, 1]
print(list(g))
try:
    g[9, 9]
except IndexError as e:
    print("IndexError:", e)
class Seq:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError
        return i * i
print(list(Seq()), 9 in Seq(), 7 in Seq())
for v in Seq():
    print(v, end=" ")
print()
print(bool(Grid(0, 5)), bool(Grid(1, 1)))
