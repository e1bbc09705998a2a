# pow() with three arguments of the wrong types; the % format of infinities and nan.
for args in [(2, 3.0, 5), ({}, 2, {}), ("a", 2, 3), (2, 5, 0), (3, 200, 7), (-2, 3, 5)]:
    try:
        print(pow(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for x in [float("inf"), -float("inf"), float("nan"), 0.125]:
    print(f"{x:%}|{x:.1%}|{x:>8%}|{x:e}|{x:G}")
