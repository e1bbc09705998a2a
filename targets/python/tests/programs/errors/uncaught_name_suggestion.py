# CPython 3.11 suggests a close name for a NameError.
values = [1, 2, 3]
def total():
    return sum(valuez)
print(total())
