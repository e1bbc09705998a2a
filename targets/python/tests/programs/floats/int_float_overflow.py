# Mixing a float with an int past the float range raises OverflowError, on either side.
import math
big = -733993541944191475575374231178036323 ** 9
for f in [lambda: 1e300 - big, lambda: big + 0.5, lambda: 2.0 * big, lambda: big / 2.0, lambda: float(big),
          lambda: math.sqrt(10 ** 400), lambda: float("inf") + 10 ** 400]:
    try:
        print(f())
    except OverflowError as e:
        print("OverflowError:", e)
print(1e300 < 10 ** 400, 10 ** 400 > float("inf"), 10 ** 300 + 1.0, math.floor(2.0 ** 80) == 2 ** 80)
