# Exceptions inside generators, StopIteration conversion, finally on close.
def g():
    yield 1
    raise ValueError("inside generator")
it = g()
print(next(it))
try:
    next(it)
except ValueError as e:
    print("caught", e)
print(next(it, "exhausted"))
def bad():
    yield 1
    raise StopIteration("explicit")
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e)
def cleanup():
    try:
        yield "a"
        yield "b"
    finally:
        print("cleanup ran")
gen = cleanup()
for x in gen:
    print(x)
    break
print("after break")
gen.close()
print("closed")
