# split, rsplit, splitlines, partition, join.
print("a,b,,c".split(","), "a b  c\td\n".split(), "  x  ".split(), "".split(), "".split(","))
print("a,b,c,d".split(",", 2), "a,b,c,d".rsplit(",", 2), "a b c".rsplit(None, 1))
print("one\ntwo\r\nthree\n".splitlines(), "x\ny".splitlines(True), "".splitlines())
print("key=value=x".partition("="), "key=value=x".rpartition("="), "none".partition("="), "none".rpartition("="))
print("-".join(["a", "b", "c"]), "".join(map(str, range(5))), ", ".join(sorted({"z", "y"})))
try:
    "".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
