# del l[a:b:c] removes the items in one pass over the list (it was one shift per item)
big = list(range(200_000))
del big[::2]
print(len(big), big[:5], sum(big) % 1000)
del big[len(big) // 2 : 0 : -3]
print(len(big), big[:5], big[-3:])
del big[1:]
print(big)
m = list(range(20))
del m[::3]
print(m)
m = list(range(20))
del m[15:2:-4]
print(m)
m = list(range(20))
del m[-1:-30:-1]
print(m)
m = list(range(10))
del m[3:3]
del m[8:100]
del m[2:5]
print(m)
