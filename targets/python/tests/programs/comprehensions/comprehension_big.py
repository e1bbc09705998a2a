# Comprehensions over larger ranges.
squares = [i * i for i in range(10000)]
print(len(squares), squares[-1], sum(squares))
evens = {i for i in range(10000) if i % 2 == 0}
print(len(evens), 9998 in evens, 9999 in evens)
index = {i: str(i) for i in range(5000)}
print(len(index), index[4999], sum(len(v) for v in index.values()))
pairs = [(a, b) for a in range(60) for b in range(60) if (a * b) % 59 == 1]
print(len(pairs), pairs[:5])
