# List slicing with steps, negative steps, out-of-range bounds.
l = list(range(10))
print(l[2:7], l[:3], l[7:], l[-3:], l[:-3], l[::3], l[1::2], l[::-1], l[8:2:-2], l[-1:-5:-1])
print(l[20:], l[-20:3], l[5:2], l[::-20], l[3:3], l[None:None:None])
s = slice(1, 9, 2)
print(l[s], s.start, s.stop, s.step, s.indices(5), slice(3).indices(10), slice(None, None, -1).indices(4))
try:
    l[::0]
except ValueError as e:
    print("ValueError:", e)
