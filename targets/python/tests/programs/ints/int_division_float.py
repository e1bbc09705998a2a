# True division of ints gives floats, also for big values.
print(7 / 2, -7 / 2, 6 / 3, 1 / 3, 2 ** 70 / 2 ** 68, 10 ** 30 / 10 ** 10)
print(1 / 7 * 7, 22 / 7, 10 / 4, type(4 / 2).__name__)
print((2 ** 1000) / (2 ** 999), 3 ** 100 / 3 ** 99)
try:
    (10 ** 400) / 1
except OverflowError as e:
    print("OverflowError:", e)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
