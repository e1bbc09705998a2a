# A class that defines __eq__ but not __hash__ gets unhashable instances.
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, V) and self.v == o.v
print(V(1) == V(1), V(1) != V(2), V.__hash__ is None)
try:
    {V(1)}
except TypeError as e:
    print("TypeError:", e)
class H(V):
    def __hash__(self):
        return hash(self.v)
print(len({H(1), H(1), H(2)}), H(3) in {H(3)})
class Plain:
    pass
print(hash(Plain()) is not None, Plain() == Plain())
