# Bare raise re-raises the active exception; exceptions escape through frames.
def inner():
    raise KeyError("deep")
def middle():
    try:
        inner()
    except KeyError:
        print("middle saw it, re-raising")
        raise
def outer():
    try:
        middle()
    except LookupError as e:
        print("outer caught", repr(e))
        return "handled"
print(outer())
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
def convert():
    try:
        int("z")
    except ValueError as e:
        err = e
    raise err
try:
    convert()
except ValueError as e:
    print("re-raised saved:", e)
