# Subscripts with ints past a machine word; slices clamp them.
l = [1, 2, 3]
for k in [10**20, -10**20]:
    for f in [lambda: l[k], lambda: "abc"[k], lambda: (1,)[k], lambda: b"ab"[k], lambda: range(5)[k]]:
        try:
            print(f())
        except IndexError as e:
            print("IndexError:", e)
print(l[-10**20:10**20], l[10**20:], "abcdef"[-10**30::2], l[::10**20], l[::-10**20])
try:
    l[10**20] = 5
except IndexError as e:
    print("IndexError:", e)
