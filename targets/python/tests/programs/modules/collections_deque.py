# collections.deque: both ends, maxlen, rotate, extendleft.
from collections import deque
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], d.pop(), d.popleft(), d)
d.extend([7, 8]); d.extendleft([-1, -2])
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d, list(d), 7 in d, d.count(7), d.index(7))
last3 = deque(maxlen=3)
for i in range(6):
    last3.append(i)
print(last3, last3.maxlen)
d.remove(7)
d.reverse()
print(d, deque("abc"), deque(), bool(deque()))
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
