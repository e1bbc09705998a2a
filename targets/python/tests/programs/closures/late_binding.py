# Closures capture variables, not values.
fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
fs = []
for i in range(3):
    def mk(j):
        return lambda: j
    fs.append(mk(i))
print([f() for f in fs])
def outer():
    x = 1
    f = lambda: x
    x = 2
    return f
print(outer()())
def cells():
    vals = []
    for k in range(3):
        vals.append(lambda k=k: k * 10)
    return [v() for v in vals]
print(cells())
