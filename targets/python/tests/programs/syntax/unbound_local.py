# Reading a local before assignment is an UnboundLocalError even if a global exists.
x = 1
def f():
    try:
        print(x)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    x = 2
    return x
print(f())
print(issubclass(UnboundLocalError, NameError))
def g():
    del_me = 1
    del del_me
    try:
        return del_me
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(g())
