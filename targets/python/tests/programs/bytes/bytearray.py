# bytearray: a mutable byte sequence.
ba = bytearray(b"abc")
ba[0] = 65
ba.append(100)
ba.extend(b"ef")
print(ba, len(ba), ba[1], bytes(ba), ba.decode())
ba[1:3] = b"XYZ"
print(ba)
del ba[0]
print(ba, ba.pop(), ba)
ba.reverse()
print(ba, ba.upper(), bytearray(3), bytearray([1, 2]), bytearray("hé", "utf-8"))
print(ba == b"ZYX" or ba, ba.find(b"Y"), b"Y" in ba, ba * 2)
ba2 = bytearray()
for i in range(5):
    ba2 += bytes([48 + i])
print(ba2, ba2.hex())
try:
    ba[0] = 300
except ValueError as e:
    print("ValueError:", e)
