# set.pop takes CPython's item: it resumes after the slot it last popped
s = set(range(10))
print([s.pop() for _ in range(4)], sorted(s))
s.add(0)
s.add(100)
print(s.pop(), s.pop(), s.pop())
t = set([5, 13, 21, 29])
print(t.pop(), t.pop())
t.update([1, 2])
print(t.pop(), t.pop(), t.pop(), len(t))
u = set()
for i in range(50):
    u.add(i * 7 % 64)
out = []
while u:
    out.append(u.pop())
    if len(out) % 5 == 0:
        u.add(len(out) + 1000)
    if len(out) > 80:
        break
print(out)
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
