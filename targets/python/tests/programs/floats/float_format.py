# Formatting floats with format specs, %-formatting and f-strings.
v = 1234.56789
print(format(v, ".2f"), format(v, "10.3f"), format(v, "<10.1f") + "|", format(v, "e"), format(v, ".3e"))
print(format(v, "g"), format(0.00001234, "g"), format(1e20, "g"), format(v, ",.2f"), format(0.25, "%"))
print(format(v, "+.1f"), format(-v, "+.1f"), format(v, " .1f"), format(v, "015.3f"), format(3.0, ".0f"))
print("%f %.3f %10.2f %-10.2f| %e %g %G" % (v, v, v, v, v, v, 1e-10))
print(f"{v:.1f} {v:>12.4f} {v:^12.1f} {v:*<12.0f} {0.5:.0%}")
print("%.0f %.0f %.0f" % (0.5, 1.5, 2.5), "%5.1f|" % -0.04, "%s %r" % (0.1, 0.1))
print(format(float("inf"), ".2f"), format(float("nan"), "f"), f"{-0.0:.1f}")
print(str(1e16), str(1e-5), "%s" % 1e16, format(1e16), format(123.0, ""))
