# and/or return operands; evaluation stops early.
calls = []
def t(v):
    calls.append(v)
    return v
print(t(0) and t(1), calls)
calls.clear()
print(t(1) and t(2) and t(3), calls)
calls.clear()
print(t("") or t([]) or t(0), calls)
calls.clear()
print(t(None) or t("x") or t("y"), calls)
print([] or {} or (), 5 and "five", not not 3, (1 and None) is None)
x = 0
y = x or 10
z = x and 10
print(y, z)
