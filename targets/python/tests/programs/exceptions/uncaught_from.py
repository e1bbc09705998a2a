# An uncaught exception with an explicit cause prints the cause first.
def f():
    try:
        int("x")
    except ValueError as e:
        raise TypeError("wrapped") from e
f()
