# bytes: literals, indexing gives ints, slicing gives bytes, methods.
b = b"hello world"
print(b, len(b), b[0], b[-1], b[0:5], b[::-1], b[::2])
print(b.upper(), b.split(), b.replace(b"o", b"0"), b.find(b"wor"), b.count(b"l"), b.startswith(b"he"))
print(b + b"!", b * 2, b"l" in b, 108 in b, list(b[:3]), bytes([72, 105]), bytes(3), bytes(range(65, 70)))
print(b.decode(), b.hex(), bytes.fromhex("48 69"), b"abc" < b"abd", b"a" == b"a")
print(b"\x00\x01\xff", repr(b"'"), repr(b'"'), repr(b"\t\n\\"), b"x".join([b"a", b"b", b"c"]))
print(type(b[0]).__name__, type(b[0:1]).__name__, b.strip(b"hd"), b"  x ".strip(), b"a,b".split(b","))
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    b"x" + "y"
except TypeError as e:
    print("TypeError:", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
