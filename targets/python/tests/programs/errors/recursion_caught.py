# RecursionError can be caught, and the program goes on at full depth afterwards.
def f(n):
    return f(n + 1)
for attempt in range(3):
    try:
        f(0)
    except RecursionError as e:
        print("attempt", attempt, type(e).__name__, str(e)[:32])
def g(n):
    return 0 if n == 0 else 1 + g(n - 1)
print(g(900))
def mutual_a(n):
    return mutual_b(n)
def mutual_b(n):
    return mutual_a(n)
try:
    mutual_a(0)
except RecursionError:
    print("mutual recursion stopped")
