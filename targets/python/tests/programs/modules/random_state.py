# random: getstate/setstate replay a stream; two generators are independent.
import random
random.seed(2024)
state = random.getstate()
a = [random.randint(0, 1000) for _ in range(5)]
random.setstate(state)
b = [random.randint(0, 1000) for _ in range(5)]
print(a, a == b)
g1 = random.Random(1)
g2 = random.Random(1)
print([g1.random() for _ in range(2)] == [g2.random() for _ in range(2)])
g3 = random.Random(99)
print(g3.randint(1, 100), g3.choices("abc", k=5), g3.choices(range(3), weights=[1, 0, 5], k=4))
random.seed(5)
print(random.sample(["a", "b", "c", "d"], 2), random.random() < 1.0)
# A Random instance's repr is object's (its generator is not a value).
print(repr(g3).startswith("<random.Random object at 0x"), str(g3) == repr(g3))
print(random.getrandbits(0), random.random() < 1.0)
print(repr(random.Random), random.Random.__module__)
