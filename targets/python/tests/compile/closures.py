def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc

def outer(x):
    def middle():
        def inner():
            return x
        return inner
    return middle

def uses_global():
    global total
    total = total + 1
    del total

def make_class():
    level = 0
    seen = []

    class Tracker:
        nonlocal level
        level += 1
        kind = seen

        def bump(self):
            nonlocal level
            level += 1
            return level

    return Tracker
