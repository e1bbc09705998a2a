import random
random.seed(7)
print([random.randrange(-10, 10, 3) for _ in range(5)], [random.randrange(10, -10, -4) for _ in range(5)])
print(random.randrange(10**30), random.randint(-10**25, 10**25), random.randrange(2**64, 2**65, 7))
for a in [(0,), (5, 5), (5, 1, 1), (1, 5, 0), (1, 5, -1)]:
    try:
        random.randrange(*a)
    except ValueError as e:
        print("ValueError:", e)
for sd in ["", "x" * 200, b"bytes seed", 2.5, -1.5, 0.0, -7, 2**70, True]:
    random.seed(sd)
    print(random.random())
try:
    random.seed((1, 2))
except TypeError as e:
    print("TypeError:", e)
