# try inside loops inside try; break and continue through finally.
results = []
try:
    for i in range(6):
        try:
            if i == 1:
                continue
            if i == 3:
                raise ValueError(i)
            if i == 5:
                break
            results.append(i)
        except ValueError as e:
            results.append("VE%s" % e)
        finally:
            results.append("f%d" % i)
    else:
        results.append("else")
finally:
    results.append("end")
print(results)
def search(rows, target):
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            try:
                if 10 // v == target:
                    return r, c
            except ZeroDivisionError:
                continue
    return None
print(search([[0, 5], [3, 2]], 3), search([[0]], 1))
