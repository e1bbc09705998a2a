# finally runs on return, break, continue and exceptions; return in finally wins.
def f():
    for i in range(3):
        try:
            if i == 0:
                continue
            if i == 1:
                break
        finally:
            print("finally for", i)
    return i
print(f())
def g():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallowed the exception"
print(g())
def h():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("x set to", x)
print(h())
def k():
    try:
        try:
            1 / 0
        finally:
            print("inner finally")
    except ZeroDivisionError:
        print("caught after finally")
    finally:
        print("outer finally")
k()
