# time: only properties that do not depend on the clock's value.
import time
t0 = time.time()
p0 = time.perf_counter()
s = 0
for i in range(10000):
    s += i
p1 = time.perf_counter()
t1 = time.time()
print(s, type(t0).__name__, type(p0).__name__, p1 >= p0, t1 >= t0, t0 > 1e9)
print(time.monotonic() <= time.monotonic(), isinstance(time.process_time(), float))
time.sleep(0)
print("slept 0")
