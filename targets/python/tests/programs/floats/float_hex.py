for x in [0.0, -0.0, 1.5, 0.1, -2.5, 1e300, 5e-324, 2.2250738585072014e-308, 1/3, float("inf"), 123456.789]:
    h = x.hex()
    print(h, float.fromhex(h) == x, x.as_integer_ratio() if x == x and abs(x) != float("inf") else "")
for s in ["0x1p-1074", "0x1.8p1", "  -0X1.FFFFFFFFFFFFFp1023 ", "0x.8", "1", "0x1.00000000000008p0", "0x1.00000000000018p0", "0x3p-1076", "inf", "-nan"]:
    print(float.fromhex(s))
for s in ["0x1p1024", "zz", "0x"]:
    try:
        float.fromhex(s)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
