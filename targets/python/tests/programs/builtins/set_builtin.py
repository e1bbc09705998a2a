# set() constructor.
print(set(), set([3, 1, 2, 1]), set((1,)), set(range(5)), sorted(set("hello")), set({1: "a", 2: "b"}), len(set("abracadabra")))
try:
    set([[1]])
except TypeError as e:
    print("TypeError:", e)
