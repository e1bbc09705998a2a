# Generators keep locals between yields; several generators are independent.
def counter(name):
    i = 0
    while True:
        i += 1
        yield f"{name}{i}"
a = counter("a")
b = counter("b")
print(next(a), next(a), next(b), next(a), next(b))
def windows(seq, n):
    for i in range(len(seq) - n + 1):
        yield seq[i:i + n]
print(list(windows([1, 2, 3, 4, 5], 3)))
def chunks(seq, n):
    chunk = []
    for x in seq:
        chunk.append(x)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
print(list(chunks(range(10), 4)))
g = counter("z")
print(iter(g) is g)
def gen_with_return():
    yield 1
    return
    yield 2
print(list(gen_with_return()))
