# while loops with break, continue and else.
i = 0
total = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    total += i
print("odd sum", total)

n = 0
while n < 5:
    n += 1
else:
    print("while finished without break, n =", n)

n = 0
while True:
    n += 1
    if n == 3:
        break
else:
    print("not printed")
print("broke at", n)

def find(seq, target):
    i = 0
    while i < len(seq):
        if seq[i] == target:
            break
        i += 1
    else:
        return -1
    return i

print(find([4, 5, 6], 6), find([4, 5, 6], 7))
