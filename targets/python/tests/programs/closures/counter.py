# Closures keep their own state; each call of the factory makes a new cell.
def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
a = make_counter()
b = make_counter(100)
print(a(), a(), a(5), b(), a(), b(10))
def make_accumulators():
    total = 0
    def add(x):
        nonlocal total
        total += x
    def get():
        return total
    return add, get
add, get = make_accumulators()
for i in range(5):
    add(i)
print(get())
