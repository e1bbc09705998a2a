# strip family, padding and alignment.
s = "  \t padded \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), "xxhixx".strip("x"), "abcba".strip("ab"))
print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(2))
print("[" + "hi".center(6) + "]", "[" + "hi".center(7, "*") + "]", "[" + "hi".ljust(5, ".") + "]", "[" + "hi".rjust(5) + "]")
print("prefix_name".removeprefix("prefix_"), "file.txt".removesuffix(".txt"), "a".removeprefix("b"))
print("a\tb\tc".expandtabs(4), repr("x\ty".expandtabs()))
