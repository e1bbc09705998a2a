# del on locals in functions, rebinding after del, del in loops.
def f():
    x = 1
    del x
    x = 2
    return x
print(f())
items = {"a": 1, "b": 2, "c": 3, "d": 4}
for k in [k for k in items if items[k] % 2 == 0]:
    del items[k]
print(items)
class O:
    pass
o = O()
o.a = 1
o.b = 2
del o.a
o.a = 3
print(vars(o))
lst = [[1, 2], [3, 4]]
del lst[0][1], lst[1]
print(lst)
