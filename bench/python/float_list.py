# A float loop over a list of floats: the list is read many times, the sums stay floats.
def main(n, rounds):
    xs = [i * 0.5 + 0.25 for i in range(n)]
    acc = 0.0
    for r in range(rounds):
        for x in xs:
            acc += x * 1.0001 - 0.5
        acc *= 0.5
    return acc

print(main(10000, 1500))
