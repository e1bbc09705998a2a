# An uncaught error at module level: one frame.
print("line 1 runs")
items = [1, 2, 3]
print(items[3])
print("not reached")
