# Exceptions used for control flow in loops.
def parse_all(items):
    good, bad = [], []
    for s in items:
        try:
            good.append(int(s))
        except ValueError:
            bad.append(s)
            continue
        finally:
            pass
    return good, bad
print(parse_all(["1", "x", "22", "", "-3", "4.5"]))
attempts = 0
def flaky():
    global attempts
    attempts += 1
    if attempts < 3:
        raise IOError("try again")
    return "succeeded after %d" % attempts
while True:
    try:
        print(flaky())
        break
    except IOError as e:
        print("retry:", e)
d = {"a": 1}
for k in "abc":
    try:
        v = d[k]
    except KeyError:
        v = 0
    print(k, v)
