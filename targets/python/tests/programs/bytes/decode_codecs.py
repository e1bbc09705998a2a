for b, enc in [(b"abc", "utf-16"), (b"\xff\xfea\x00b\x00", "utf-16"), (b"a\x00\x00\xd8", "utf-16-le"), (b"\xc3", "utf-8"), (b"\xc3(", "utf-8"), (b"\x80", "utf-8"), (b"\xe9", "ascii"), (b"ab\x00\x00", "utf-32"), (b"x\x80y", "utf-8"), (b"abc", "nope")]:
    for errors in ["strict", "replace", "ignore"]:
        try:
            print(repr(b.decode(enc, errors)))
        except (UnicodeDecodeError, LookupError) as e:
            print(type(e).__name__, e)
