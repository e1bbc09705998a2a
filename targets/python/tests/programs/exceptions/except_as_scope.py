# The name bound by `except ... as` is deleted at the end of the handler.
try:
    raise ValueError("x")
except ValueError as err:
    msg = str(err)
print(msg)
try:
    err
except NameError as e:
    print("NameError:", e)
err = "before"
try:
    1 / 0
except ZeroDivisionError as err:
    pass
print("err" in dir())
