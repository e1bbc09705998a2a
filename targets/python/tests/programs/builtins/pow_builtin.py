# pow with two and three arguments.
print(pow(2, 10), pow(2, -1), pow(2.0, 3), pow(-2, 3), pow(4, 0.5), pow(0, 0), pow(10, 20), pow(7, 128, 13), pow(5, -1, 7), pow(-7, 2, 5))
try:
    pow(2, 3.0, 5)
except TypeError as e:
    print("TypeError:", e)
try:
    pow(0.0, -1)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
