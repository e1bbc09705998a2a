# Custom __eq__ used by list.index, in, count, remove, and dict lookups.
class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, P) and self.v == o.v
    def __hash__(self):
        return hash(self.v)
    def __repr__(self):
        return "P(%d)" % self.v
l = [P(1), P(2), P(3), P(2)]
print(P(2) in l, l.index(P(3)), l.count(P(2)))
l.remove(P(2))
print(l)
print({P(1): "x"}[P(1)], P(1) in {P(1), P(5)})
print([P(1), P(2)] == [P(1), P(2)], (P(1),) == (P(2),))
