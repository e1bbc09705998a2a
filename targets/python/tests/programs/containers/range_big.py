# ranges past a machine word: values, lengths and errors as CPython's
r = range(0, 10**20)
try:
    print(len(r))
except OverflowError as e:
    print("OverflowError:", e)
print(r, r[-1], r[10**19], r[::2], r[5:10], bool(r), 10**19 in r, -1 in r)
print(r.index(10**19), r.count(5), r.count(10**20), r.start, r.stop, r.step)
print(r[10**19 : 10**19 + 3], list(r[10**19 : 10**19 + 3]))
print(range(2**63 - 1, 2**63 + 2)[1], len(range(2**63 - 1, 2**63 + 2)))
print(list(range(2**63 - 2, 2**63 + 2)))
print(list(reversed(range(2**63 - 2, 2**63 + 2))))
print(range(10**20, 0, -3)[:3], list(range(10**20, 10**20 - 7, -3)))
try:
    r[10**20]
except IndexError as e:
    print("IndexError:", e)
try:
    r[-10**20 - 1]
except IndexError as e:
    print("IndexError:", e)
print(range(0, 10**20) == range(0, 10**20, 1), range(5) == range(0, 5), range(0) == range(3, 1))
print(sum(range(2**62, 2**62 + 3)))
it = iter(range(2**64, 2**64 + 2))
print(next(it), next(it), next(it, "end"))
for a, b in [(-2**63, 2**63 - 1), (-2**62, 2**62), (0, 2**63 - 1)]:
    try:
        print(len(range(a, b)))
    except OverflowError as e:
        print("OverflowError:", e)
print(len(range(0, 2**64, 2**62)), list(range(0, 2**64, 2**62)))
print(list(range(0, 2**63 - 1, 2**62)), list(range(2**63 - 1, -2**63, -2**62)))
print(list(range(9223372036854775800, 9223372036854775807, 3)))
print(list(reversed(range(-2**63, -2**63 + 6, 2))))
class I:
    def __index__(self):
        return 10**19
print(range(I()), range(I())[-1], range(3)[True])
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
print(range(3).index(1.0), range(5).count(2.0), 1.0 in range(3))
try:
    range(10**20).index(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    range(3).index("a")
except ValueError as e:
    print("ValueError:", e)
print(r[::-1][:2], r[::10**19], len(r[::10**19]))
