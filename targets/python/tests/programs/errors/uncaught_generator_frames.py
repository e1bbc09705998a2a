# A traceback through nested generators.
def numbers():
    yield 1
    yield 2
    yield "three"
def doubled(xs):
    for x in xs:
        yield x * 2 + 1
def summed(xs):
    total = 0
    for x in xs:
        total += x
    return total
print(summed(doubled(numbers())))
