# An integer while loop summing into a local (issue 14's first trace test, at benchmark size).
def main(n):
    i = 0
    total = 0
    while i < n:
        total += i ^ (i >> 3)
        i += 1
    return total

print(main(10000000))
