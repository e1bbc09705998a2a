# Generators closing over enclosing variables.
def counter_gen(step):
    def gen(n):
        i = 0
        while i < n:
            yield i * step
            i += 1
    return gen
g3 = counter_gen(3)
print(list(g3(5)), list(counter_gen(-1)(3)))
def make_filter(threshold):
    return lambda xs: (x for x in xs if x > threshold)
big = make_filter(10)
print(list(big([5, 15, 25, 8])), sum(make_filter(0)(range(-5, 6))))
def accumulate_with(op):
    def run(xs):
        acc = None
        for x in xs:
            acc = x if acc is None else op(acc, x)
            yield acc
    return run
print(list(accumulate_with(max)([3, 1, 4, 1, 5, 9, 2])), list(accumulate_with(lambda a, b: a * b)(range(1, 7))))
