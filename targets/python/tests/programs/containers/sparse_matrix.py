# A sparse matrix stored in a dict keyed by (row, col) tuples.
class Sparse:
    def __init__(self, n):
        self.n = n
        self.cells = {}
    def __setitem__(self, rc, v):
        if v:
            self.cells[rc] = v
        else:
            self.cells.pop(rc, None)
    def __getitem__(self, rc):
        return self.cells.get(rc, 0)
    def __matmul__(self, o):
        out = Sparse(self.n)
        for (i, k), a in self.cells.items():
            for j in range(self.n):
                b = o[k, j]
                if b:
                    out[i, j] = out[i, j] + a * b
        return out
    def rows(self):
        return [[self[i, j] for j in range(self.n)] for i in range(self.n)]
m = Sparse(4)
m[0, 1] = 2
m[1, 2] = 3
m[2, 3] = 4
m[3, 0] = 5
p = m @ m
print(p.rows(), len(p.cells))
q = p @ p
print(q.rows(), sorted(q.cells.items()))
m[0, 1] = 0
print(len(m.cells), m[0, 1])
