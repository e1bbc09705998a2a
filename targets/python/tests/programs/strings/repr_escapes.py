# repr of strings chooses quotes and escapes control characters.
for s in ["plain", "it's", 'say "x"', "both ' \"", "tab\t", "nl\n", "nul\x00", "bell\x07", "del\x7f", "uni é", "\\", "\u200b", "\U0001f600", "\x80", "\xa0"]:
    print(repr(s))
print(str("a\tb"), [("x", 'y"')])
