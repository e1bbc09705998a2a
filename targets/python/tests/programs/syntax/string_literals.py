# String literal forms: quotes, escapes, raw, concatenation, triple quotes.
print('single', "double", '''triple
lines''', """more""")
print("tab\there", "nl\\n", 'quote\'s', "dq\"")
print(r"raw\n\t", R'raw2\\')
print("con" "cat" 'enated')
print("\x41\x42", "\u00e9", "\101", "\N{BULLET}" == "\u2022")
print(len("\n"), len(r"\n"), len("\\"))
s = ("implicit "
     "continuation")
print(s)
print("a\
b")
print(b"bytes", rb"\d", b"\x00\xff")
print(repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("\t\n\r\x07\x7f\u00e9"))
