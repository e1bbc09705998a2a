# nonlocal through several levels, and rebinding in loops.
def outer():
    x = 0
    def middle():
        def inner():
            nonlocal x
            x += 1
            return x
        return inner
    f = middle()
    f(); f()
    return x, f()
print(outer())
def fib_gen():
    a, b = 0, 1
    def step():
        nonlocal a, b
        a, b = b, a + b
        return a
    return step
s = fib_gen()
print([s() for _ in range(12)])
def shared():
    v = []
    def push(x):
        v.append(x)
    def pop():
        return v.pop()
    return push, pop, lambda: list(v)
push, pop, peek = shared()
push(1); push(2); push(3)
print(pop(), peek())
