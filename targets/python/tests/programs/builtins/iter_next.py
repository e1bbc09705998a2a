# iter() and next(): defaults, sentinel form, exhaustion.
it = iter([1, 2])
print(next(it), next(it), next(it, "dflt"))
try:
    next(it)
except StopIteration:
    print("StopIteration")
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)))
it = iter("ab")
print(iter(it) is it, list(it), list(it))
d = iter({"x": 1, "y": 2})
print(next(d), next(d))
try:
    next([1])
except TypeError as e:
    print("TypeError:", e)
