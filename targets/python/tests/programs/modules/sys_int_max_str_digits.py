import sys
print(sys.get_int_max_str_digits())
for bad in (100, -1, 639):
    try:
        sys.set_int_max_str_digits(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    sys.set_int_max_str_digits("a")
except TypeError as e:
    print("TypeError:", e)
try:
    sys.set_int_max_str_digits()
except TypeError as e:
    print("TypeError:", e)
sys.set_int_max_str_digits(maxdigits=640)
print(sys.get_int_max_str_digits())
for f in (lambda: str(10**700), lambda: int("1" * 700), lambda: f"{10**700:d}", lambda: "%d" % 10**700):
    try:
        f()
    except ValueError as e:
        print("ValueError:", e)
print(len(str(10**639)), int("9" * 640) % 1000)
print(hex(10**700)[:10])
sys.set_int_max_str_digits(0)
print(sys.get_int_max_str_digits(), len(str(10**5000)), int("7" * 5000) % 97)
sys.set_int_max_str_digits(4300)
try:
    str(10**4300)
except ValueError as e:
    print("ValueError:", e)
