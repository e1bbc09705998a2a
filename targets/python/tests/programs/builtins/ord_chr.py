# ord and chr round trips over ASCII and beyond.
print(ord("a"), ord("A"), ord("0"), ord(" "), ord("\n"), ord("é"), ord("€"), ord("😀"))
print(chr(97), chr(65), chr(48), chr(233), chr(8364), chr(128512), repr(chr(0)), repr(chr(127)))
print("".join(chr(ord(c) + 1) for c in "HAL"), [chr(i) for i in range(ord("a"), ord("f"))])
for bad in [lambda: ord(""), lambda: chr(0x110000), lambda: ord(1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
