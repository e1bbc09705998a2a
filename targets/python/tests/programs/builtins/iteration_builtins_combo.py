# Builtins combined: enumerate, zip, map, filter, sorted, reversed, sum, min, max.
names = ["dan", "ann", "cy", "bob"]
scores = [72, 95, 88, 60]
ranked = sorted(zip(scores, names), reverse=True)
print(ranked, [n for _, n in ranked])
print(list(enumerate(map(str.title, names), 1)), dict(zip(names, scores)))
print(list(filter(lambda p: p[1] > 70, zip(names, scores))), sum(s for s in scores if s > 70))
print(max(zip(scores, names))[1], min(names, key=len), list(reversed(sorted(names))))
print(sorted(range(10), key=lambda i: (i % 3, -i)), list(map(lambda p: p[0] * p[1], enumerate([5, 6, 7]))))
print(any(map(str.isupper, names)), all(map(str.islower, names)), len(list(filter(None, map(lambda s: s - 70, scores)))))
