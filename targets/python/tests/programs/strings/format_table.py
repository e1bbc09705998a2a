# A formatted text report with alignment, padding and numbers.
rows = [("apples", 3, 0.5), ("kiwis", 12, 0.25), ("watermelons", 1, 3.75), ("figs", 100, 0.1)]
w = max(len(r[0]) for r in rows)
print("%-*s %5s %8s %9s" % (w, "item", "qty", "price", "total"))
print("-" * (w + 25))
grand = 0
for name, qty, price in rows:
    total = qty * price
    grand += total
    print("%-*s %5d %8.2f %9.2f" % (w, name, qty, price, total))
print("-" * (w + 25))
print(f"{'grand total':<{w}} {'':5} {'':8} {grand:9.2f}")
print(f"{'centered':^{w + 25}}|")
for name, qty, price in rows:
    print("{:>{w}}|{:<5}|{:^8.1f}|".format(name, qty, price, w=w))
