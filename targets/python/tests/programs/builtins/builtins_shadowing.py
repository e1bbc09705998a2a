# Builtins can be shadowed by globals and locals, and restored by del.
print(len("abc"))
len = lambda x: -1
print(len("abc"))
del len
print(len("abc"))
def f():
    max = min
    return max(3, 9)
print(f(), max(3, 9))
list = None
try:
    list((1, 2))
except TypeError as e:
    print("TypeError:", e)
del list
print(list((1, 2)))
