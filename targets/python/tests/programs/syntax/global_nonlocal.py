# global and nonlocal declarations.
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print("counter", counter)

def make_global():
    global created
    created = "yes"
make_global()
print(created)

def outer():
    x = 1
    def inner():
        nonlocal x
        x += 10
        return x
    print(inner(), inner(), x)
outer()

def shadow():
    counter = 100
    return counter
print(shadow(), counter)

def reads_global():
    return counter * 2
print(reads_global())
