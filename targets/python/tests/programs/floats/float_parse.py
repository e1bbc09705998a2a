# Parsing floats from strings; errors.
for s in ["1", "1.", ".5", "1e5", "1E-5", "-2.5e+3", "  42  ", "1_000.5", "0x10" if False else "16", "+inf", "nan", "-0.0"]:
    print(repr(s), float(s))
for s in ["", "abc", "1.2.3", "1e", "--1", "1 2"]:
    try:
        float(s)
    except ValueError as e:
        print("ValueError:", e)
