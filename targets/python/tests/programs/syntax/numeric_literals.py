# Numeric literal forms.
print(0x1F, 0o17, 0b1011, 1_000_000, 0x_ff, 0b_1_0)
print(1e3, 1.5e-3, .5, 5., 1_0.2_5, 0e0)
print(10 ** 20, 0xFFFFFFFFFFFFFFFFFF)
print(1E10, 1e16, 1e-5, 1e-4, 123456789012345678.0)
print(type(1), type(1.0), type(1e3), type(True))
print(00, 0_0)
