# String indexing and slicing, negative indices and steps.
s = "abcdefghij"
print(s[0], s[-1], s[3], s[-3], s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[::2], s[1::3], s[::-1], s[-2:2:-2])
print(s[5:2], s[100:], s[-100:2], s[2:100], repr(s[10:]), s[::100])
try:
    s[10]
except IndexError as e:
    print("IndexError:", e)
try:
    s[0] = "x"
except TypeError as e:
    print("TypeError:", e)
print(s[slice(1, 8, 3)], s[slice(None, None, -3)])
