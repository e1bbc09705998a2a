# global declarations in nested functions and loops.
total = 0
def add_all(xs):
    def add(x):
        global total
        total += x
    for x in xs:
        add(x)
add_all(range(10))
print(total)
def reset():
    global total, extra
    total = -1
    extra = "created"
reset()
print(total, extra)
names = []
def record(n):
    names.append(n)
for i in range(3):
    record(i)
print(names)
