def gen(n):
    i = 0
    while i < n:
        got = yield i
        i += 1
    return i

def delegate():
    result = yield from gen(3)
    yield result

squares = (x * x for x in range(10) if x % 2)
