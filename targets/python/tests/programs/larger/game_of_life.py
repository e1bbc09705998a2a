# Conway's game of life on a small torus, printed as text.
def step(cells, w, h):
    new = set()
    counts = {}
    for (x, y) in cells:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    k = ((x + dx) % w, (y + dy) % h)
                    counts[k] = counts.get(k, 0) + 1
    for k, n in counts.items():
        if n == 3 or (n == 2 and k in cells):
            new.add(k)
    return new
def show(cells, w, h):
    return "\n".join("".join("#" if (x, y) in cells else "." for x in range(w)) for y in range(h))
glider = {(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)}
blinker = {(7, 7), (8, 7), (9, 7)}
cells = glider | blinker
w, h = 12, 10
for gen in range(5):
    print("generation", gen, "alive", len(cells))
    print(show(cells, w, h))
    cells = step(cells, w, h)
for _ in range(95):
    cells = step(cells, w, h)
print("after 100:", len(cells), sorted(cells))
