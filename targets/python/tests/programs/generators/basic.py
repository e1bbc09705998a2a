# Generator functions: yield, next, StopIteration, exhaustion.
def gen():
    print("start")
    yield 1
    print("after 1")
    yield 2
    print("end")
g = gen()
print("created")
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")
try:
    next(g)
except StopIteration:
    print("still exhausted")
print(list(gen()))
def countdown(n):
    while n > 0:
        yield n
        n -= 1
print(list(countdown(5)), sum(countdown(100)))
print(next(countdown(0), "default"))
