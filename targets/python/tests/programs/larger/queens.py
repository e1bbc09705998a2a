# N-queens by backtracking with sets; counts for several board sizes.
def queens(n):
    count = 0
    first = None
    cols, d1, d2 = set(), set(), set()
    placed = []
    def place(r):
        nonlocal count, first
        if r == n:
            count += 1
            if first is None:
                first = list(placed)
            return
        for c in range(n):
            if c in cols or r - c in d1 or r + c in d2:
                continue
            cols.add(c); d1.add(r - c); d2.add(r + c); placed.append(c)
            place(r + 1)
            cols.remove(c); d1.remove(r - c); d2.remove(r + c); placed.pop()
    place(0)
    return count, first
for n in range(1, 9):
    print(n, *queens(n))
