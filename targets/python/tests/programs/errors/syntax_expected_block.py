# A block that is not indented.
def f():
return 1
