# int() from strings with bases, from floats, and str/hex/oct/bin.
print(int("42"), int("-17"), int("  8  "), int("+3"), int("1_000"))
print(int("ff", 16), int("0xff", 16), int("0xff", 0), int("777", 8), int("0o17", 0), int("101", 2), int("z", 36))
print(int(3.99), int(-3.99), int(1e20), int(True), int("0"))
print(hex(255), hex(-255), oct(8), bin(10), bin(-10), hex(2 ** 70))
print(str(12345), repr(-6), format(255, "x"), format(255, "08b"), format(1234567, ","))
for bad in ["", "1.5", "abc", "12a", "0x10"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
print(int("1" * 30))
print((255).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "little"), (1024).bit_length())
print(int(float("1e3")), round(2.5), round(3.5), round(-2.5))
