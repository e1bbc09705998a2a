# io.StringIO: writing, reading, seek, getvalue, print to it, readline.
import io
buf = io.StringIO()
buf.write("hello ")
buf.write("world\n")
print("line two", file=buf)
print(repr(buf.getvalue()))
r = io.StringIO("a\nbb\nccc\n")
print(repr(r.readline()), repr(r.read(2)), repr(r.read()), repr(r.read()))
r.seek(0)
print(r.readlines())
r.seek(0)
print([line.rstrip() for line in r])
w = io.StringIO()
n = w.write("abc")
w.seek(1)
w.write("X")
print(n, w.getvalue(), w.tell())
import sys
old = sys.stdout
sys.stdout = cap = io.StringIO()
print("captured")
sys.stdout = old
print("got", repr(cap.getvalue()))
