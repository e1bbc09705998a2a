# %-formatting.
print("%s %d %i %f %.2f %5d %-5d| %05d %x %X %o %e %%" % ("s", 42, 7, 1.5, 2.345, 3, 4, 5, 255, 255, 8, 12345.678))
print("%r %s %a" % ("q", "q", "é"), "%c%c" % (65, "B"), "%+d %+d % d" % (5, -5, 5))
print("%(name)s is %(age)d" % {"name": "Bob", "age": 30})
print("%*d|%-*d|" % (6, 1, 6, 2), "%.*f" % (2, 3.14159))
print("%s" % [1, 2], "%s" % (1,), "%s and %s" % (1, 2), "%d%%" % 50)
print("%10s|%-10s|%.2s" % ("right", "left", "truncate"))
print("%g %g %g %G" % (0.0001, 1e-5, 123456789.0, 1e-20))
try:
    "%d" % (1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    "%s %s" % (1,)
except TypeError as e:
    print("TypeError:", e)
print("%x %o %d" % (-255, -8, True), "%.3d" % 7, "%5.1s|" % "abc")
