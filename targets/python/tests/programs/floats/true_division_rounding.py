# int / int is correctly rounded for ints of any size; repr picks the even digit on ties.
xs = [691522826649963, -214415710605908648390981, 2**53 + 1, 10**300, 3**700, 2**1074, 7]
def div(a, b):
    try:
        return a / b
    except OverflowError:
        return "overflow"
for a in xs:
    print([div(a, b) for b in xs])
print(-33589827047651.5625, 1614266252258273.25, 0.5 ** 1074 * 3, 2**-1075 * 3.0)
for a, b in [(1, 2**1075), (3, 2**1076), (10**400, 10**90), (1, 10**400)]:
    try:
        print(a / b)
    except OverflowError as e:
        print("OverflowError:", e)
try:
    print(10**400 / 3)
except OverflowError as e:
    print("OverflowError:", e)
