# Seeded randomness driving algorithms: Monte Carlo pi, random walks, shuffling.
import random
rng = random.Random(1234)
inside = 0
for _ in range(20000):
    x, y = rng.random(), rng.random()
    if x * x + y * y <= 1.0:
        inside += 1
print(inside, 4 * inside / 20000)
pos = 0
path = []
for _ in range(30):
    pos += rng.choice((-1, 1))
    path.append(pos)
print(path, min(path), max(path))
deck = [r + s for s in "SHDC" for r in "A23456789TJQK"]
rng.shuffle(deck)
print(deck[:7], len(deck))
print(sorted(rng.sample(range(1000), 6)), rng.randint(-10, 10), round(rng.uniform(5, 6), 9))
