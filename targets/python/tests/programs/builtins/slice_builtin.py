# slice objects made by slice() and used for indexing.
s = slice(2, 8, 2)
data = list(range(10))
print(s, data[s], "abcdefghij"[s], s.start, s.stop, s.step)
print(slice(5), slice(None, 3), data[slice(None, None, -1)], data[slice(-3, None)])
print(s.indices(5), slice(-1, -10, -2).indices(10))
names = slice(0, 3)
record = ["ann", "bob", "cy", 42]
print(record[names], record[slice(3, None)])
