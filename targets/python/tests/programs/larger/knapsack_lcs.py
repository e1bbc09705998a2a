# Dynamic programming: 0/1 knapsack, longest common subsequence, edit distance.
def knapsack(items, cap):
    best = [0] * (cap + 1)
    for w, v in items:
        for c in range(cap, w - 1, -1):
            if best[c - w] + v > best[c]:
                best[c] = best[c - w] + v
    return best[cap]
def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]
def edit(a, b):
    d = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, d[0] = d[0], i
        for j, y in enumerate(b, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (x != y))
    return d[-1]
items = [(w, (w * 37) % 23 + 1) for w in range(1, 40)]
print(knapsack(items, 100), knapsack([(5, 10), (4, 40), (6, 30), (3, 50)], 10))
print(lcs("AGGTABQWERTY" * 5, "GXTXAYBWRT" * 5), lcs("", "abc"))
print(edit("kitten", "sitting"), edit("intention", "execution"), edit("a" * 50, "b" * 40))
