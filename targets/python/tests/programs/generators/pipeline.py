# A generator pipeline over text lines.
text = """alpha 3
beta 5
# comment
gamma 7

delta 11
epsilon x"""
def lines(t):
    for line in t.split("\n"):
        yield line
def non_blank(ls):
    return (l for l in ls if l.strip() and not l.startswith("#"))
def parse(ls):
    for l in ls:
        name, val = l.split()
        try:
            yield name, int(val)
        except ValueError:
            print("skip", repr(l))
def running_total(pairs):
    t = 0
    for name, v in pairs:
        t += v
        yield name, v, t
for row in running_total(parse(non_blank(lines(text)))):
    print(row)
