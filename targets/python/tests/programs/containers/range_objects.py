# range: lazy, indexable, sliceable, membership.
r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[2:4], 8 in r, 9 in r, r.index(11), r.count(5))
print(list(range(5)), list(range(5, 0, -1)), list(range(0)), list(range(3, 3)), range(0, 10 ** 20, 3)[5])
print(range(10)[::2], list(range(10)[::-3]), range(0, 5) == range(0, 5), reversed(range(3)) is not None, list(reversed(range(3))))
print(sum(range(101)), max(range(7)), min(range(3, 9)), range(1, 10, 2)[3])
try:
    range(0, 10, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
big = range(10 ** 18)
print(big[10 ** 17], 10 ** 17 + 5 in big, len(range(-5, 5)))
