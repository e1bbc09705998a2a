# An error inside an except block: both exceptions are shown.
try:
    int("nope")
except ValueError:
    print("handling")
    undefined_function()
