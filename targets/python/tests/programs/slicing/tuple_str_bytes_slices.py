# Slicing tuples, strings, bytes and ranges returns the same type.
t = tuple(range(8))
print(t[1:4], t[::-2], type(t[1:2]).__name__)
s = "slicing"
print(s[1:4], s[::-1], s[-3:], type(s[:]).__name__)
b = b"bytes!"
print(b[1:3], b[::-1], type(b[:1]).__name__)
r = range(0, 30, 3)
print(r[2:5], list(r[::-1][:3]), r[1:-1:2])
ba = bytearray(b"abcdef")
print(ba[2:], type(ba[:1]).__name__)
