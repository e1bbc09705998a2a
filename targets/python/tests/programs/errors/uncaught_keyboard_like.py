# Raising an exception class with no arguments prints only its name.
class Stop(Exception):
    pass
print("raising")
raise Stop
