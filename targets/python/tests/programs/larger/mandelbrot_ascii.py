# The Mandelbrot set in ASCII with float arithmetic.
def mandel(w, h, maxit):
    rows = []
    for j in range(h):
        y = -1.2 + 2.4 * j / (h - 1)
        row = []
        for i in range(w):
            x = -2.1 + 3.0 * i / (w - 1)
            zr = zi = 0.0
            n = 0
            while n < maxit and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + x, 2 * zr * zi + y
                n += 1
            row.append(" .:-=+*#%@"[n * 9 // maxit])
        rows.append("".join(row))
    return rows
for r in mandel(60, 21, 60):
    print(r.rstrip())
