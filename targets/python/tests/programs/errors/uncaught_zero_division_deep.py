# A ZeroDivisionError under a lambda, map and list: frames of Python functions only.
def ratios(xs):
    return list(map(lambda x: 100 // x, xs))
def report(xs):
    for r in ratios(xs):
        print(r)
report([1, 2, 5])
report([4, 0, 1])
