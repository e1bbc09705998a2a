# hex, oct and bin.
for v in [0, 1, 255, -255, 4096, 2 ** 64, -(2 ** 64) + 1]:
    print(v, hex(v), oct(v), bin(v))
class Idx:
    def __index__(self):
        return 31
print(hex(Idx()), bin(Idx()))
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
