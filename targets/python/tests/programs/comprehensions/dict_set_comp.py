# Dict and set comprehensions.
words = ["apple", "bob", "cat", "apple", "dog", "bob"]
print({w: len(w) for w in words})
print(sorted({len(w) for w in words}))
print({i: i * i for i in range(6) if i % 2})
inv = {v: k for k, v in {"a": 1, "b": 2, "c": 3}.items()}
print(inv)
print({(i, j) for i in range(2) for j in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print({k: v for k, v in counts.items() if v > 1})
print(sorted({x % 5 for x in range(100)}))
print({k: [j for j in range(k)] for k in range(4)})
