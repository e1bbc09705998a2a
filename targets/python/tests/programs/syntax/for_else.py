# for loops over various iterables, with break/continue/else and nested loops.
for i in range(3):
    print("i", i)
for ch in "xyz":
    print(ch, end=" ")
print()
for k in {"b": 1, "a": 2}:
    print("key", k)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b)

for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")

for x in []:
    print("never")
else:
    print("empty else")

found = None
for x in range(100):
    if x * x > 50:
        found = x
        break
print("found", found, "x after loop", x)

for i in range(5):
    if i == 1:
        continue
    if i == 4:
        break
    print("body", i)
