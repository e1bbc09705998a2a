# f-strings: expressions, conversions, format specs, nesting, braces.
name, n, pi = "Ann", 42, 3.14159265
print(f"{name} is {n} years", f"{n + 1}", f"{name!r} {name!s} {'é'!a}")
print(f"{pi:.2f} {pi:10.4f}| {n:05d} {n:x} {n:#x} {n:o} {n:b} {n:#b} {n:>6}| {n:<6}| {n:^6}|")
print(f"{{literal braces}} {n}{{}}")
width, prec = 12, 3
print(f"{pi:{width}.{prec}f}|", f"{'x':>{width}}")
d = {"key": "value"}
print(f"{d['key']} {[1, 2, 3][1]} {len(name)} {name.upper()} {'yes' if n > 40 else 'no'}")
print(f"{n=} {pi=:.1f} {name = }")
print(f"{1234567:,} {1234567:_} {0.5:%} {-5:+d} {5:+d} {5: d}")
print(f"""multi
{name}
line""")
items = ["a", "b"]
print(f"{', '.join(items)}", f"{len(items)} items", f"{items!r}")
print(f"{3.0:g} {1e-7:g} {100000000.0:g} {'left':<8}|{'right':>8}|")
