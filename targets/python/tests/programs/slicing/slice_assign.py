# Slice assignment and deletion: growing, shrinking, extended slices.
l = list(range(10))
l[2:5] = ["a"]
print(l)
l[1:1] = [100, 200]
print(l)
l[-2:] = []
print(l)
l[:] = "xyz"
print(l)
l = list(range(10))
l[::2] = "ABCDE"
print(l)
try:
    l[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
l = list(range(10))
del l[::3]
print(l)
del l[1:3]
print(l)
l[len(l):] = [99]
print(l)
l[::-1] = l[:]
print(l)
