# CPython 3.11 limits decimal conversions of ints to 4300 digits; hex and bin are not limited.
big = 7 ** 6000
for f in [lambda: str(big), lambda: repr(-big), lambda: f"{big}", lambda: "%d" % big, lambda: format(big, ","),
          lambda: int("1" * 4301), lambda: int("1" * 4300) % 1000, lambda: int(b"2" * 5000)]:
    try:
        print(f())
    except ValueError as e:
        print("ValueError:", e)
print(len(hex(big)), len(bin(big)), int("f" * 5000, 16) % 1000, int("0x" + "1" * 5000, 0) % 7, len(str(10 ** 4299)))
