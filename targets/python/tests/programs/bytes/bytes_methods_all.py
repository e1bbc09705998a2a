b = b"  Hello, World\tand\r\nmore lines\n "
for m in ["split", "rsplit", "strip", "lstrip", "rstrip", "splitlines", "title", "swapcase", "capitalize", "isascii", "istitle", "expandtabs", "upper"]:
    print(m, getattr(b, m)())
print(b.split(b"l", 2), b.rsplit(b"l", 2), b.rsplit(None, 1), b.split(maxsplit=1), b.splitlines(True))
print(b.find(b"o"), b.rfind(b"o"), b.find(111, 6), b.rindex(b"l"), b.count(b"l"), b.count(b""), b"abc".replace(b"", b"-"), b"aaa".replace(b"a", b"b", 2))
print(b"x".center(4, b"*"), b"x".center(5), b"-12".zfill(6), b"ab".ljust(1), b"abc".removeprefix(b"a"), b"abc".removesuffix(b"bc"))
print(b"abc".startswith((b"x", b"a")), b"abc".endswith(b"b", 0, 2), bytes.fromhex("de ad be ef"), bytearray.fromhex("00ff"))
ba = bytearray(b"hello world")
ba[::2] = b"HLOWRD"
print(ba, ba.split(), ba.title(), ba.partition(b" "), ba.strip(b"HD"))
del ba[::3]
ba.insert(0, 33); ba.insert(-1, 34); ba.remove(34)
print(ba, ba.copy(), ba + b"!", b"!" + ba, ba * 2, 3 * ba)
ba += b"xyz"; ba *= 2
print(ba, len(ba), b"xy" in ba, 120 in ba, ba.pop(0), ba.pop(), ba)
for bad in [lambda: b"a".index(b"z"), lambda: ba.remove(200), lambda: b"".join([1]), lambda: bytearray(b"a").pop(5), lambda: b"a".split(b"")]:
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
