# Return values: none, multiple, early return, return in loops and try/finally.
def nothing():
    return
def implicit():
    x = 1
def multi():
    return 1, "two", [3]
def early(n):
    for i in range(n):
        if i * i >= n:
            return i
    return None
def fin():
    try:
        return "try"
    finally:
        print("finally runs")
def fin_override():
    try:
        return "try"
    finally:
        return "finally"
print(nothing(), implicit())
a, b, c = multi()
print(a, b, c, multi())
print(early(10), early(0), early(1))
print(fin())
print(fin_override())
