# Less common str methods.
print("hello world".title(), "a-b_c d".title(), "x".center(4, "*"), "tab\tend".expandtabs(2))
print("  x ".isspace(), "".isspace(), "ǅ".istitle(), "Ab Cd".istitle(), "ab".isascii(), "é".isascii())
print("a,b;c".replace(";", ",").split(","), "%".join("abc"), "abc".startswith("") and "abc".endswith(""))
print("line1\nline2".splitlines(keepends=True), "mixed\r\nends\rhere\n".splitlines())
print("a" * 0, "ab" * -1, "-" * 10, "abc"[::-1] * 2)
print("Hello".ljust(8, "-") + "|", "Hello".rjust(8, "-"), "{:^9}".format("mid"))
print(str.upper("x"), str.join("-", ["a", "b"]), "abc".__add__("d"), "abc".__mul__(2))
