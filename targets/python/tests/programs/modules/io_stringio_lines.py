# io.StringIO used as a file: writing lines, reading them back, iterating.
import io
f = io.StringIO()
for i in range(5):
    f.write("line %d: %s\n" % (i, "x" * i))
text = f.getvalue()
print(len(text), text.count("\n"))
r = io.StringIO(text)
first = r.readline()
rest = r.readlines()
print(repr(first), len(rest), repr(rest[-1]))
r.seek(0)
total = 0
for line in r:
    total += len(line.rstrip("\n"))
print(total)
w = io.StringIO("initial")
print(w.read(3), w.tell(), w.read(), w.tell(), repr(w.read()))
print(io.StringIO("a\nb").read().split("\n"))
