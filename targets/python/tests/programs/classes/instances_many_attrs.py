# Instances with attributes added in different orders, as maps must handle.
class Rec:
    pass
recs = []
for i in range(6):
    r = Rec()
    if i % 2:
        r.a = i
        r.b = i * 10
    else:
        r.b = i * 10
        r.a = i
    if i % 3 == 0:
        r.c = "extra"
    recs.append(r)
for r in recs:
    print(r.a, r.b, getattr(r, "c", None), list(vars(r)))
r = recs[0]
del r.b
r.b = "again"
print(list(vars(r)), r.b)
print(sum(x.a + x.b for x in recs[1:]))
