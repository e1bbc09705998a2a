# Generator send, throw, close and the return value in StopIteration.
def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total
g = acc()
print(next(g))
print(g.send(5))
print(g.send(10))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("gen caught", e)
        yield "recovered"
    finally:
        print("gen finally")
g = guarded()
print(next(g))
print(g.throw(ValueError("boom")))
g.close()
g = guarded()
next(g)
g.close()
print("closed")
def unstarted():
    yield 1
try:
    unstarted().send(3)
except TypeError as e:
    print("TypeError:", e)
