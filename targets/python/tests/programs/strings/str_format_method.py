# str.format: positional, keyword, indices, attributes, format specs.
print("{} {} {}".format(1, "a", [2]), "{1} {0} {1}".format("a", "b"))
print("{name} {0} {name}".format("pos", name="kw"), "{0[1]} {0[k]}".format({1: "one", "k": "kay"}))
class P:
    x = 5
print("{0.x} {p.x}".format(P(), p=P()), "{:>8}|{:<8}|{:^8}|".format("a", "b", "c"))
print("{:08.3f} {:,} {:x} {!r} {!s}".format(3.14159, 10 ** 7, 255, "s", "s"))
print("{{}} {}".format("braces"), "{:*^11}".format("mid"), "{:=+8d}".format(42))
print(format(42, "b"), format("s", ">4"), format(12.5, "e"), format(True), format(None))
print("{0:{1}}|".format("w", 5), "{:.{}f}".format(2.71828, 2))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print("KeyError:", e)
