# Matrix arithmetic with lists of lists: multiplication, powers, determinant.
def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    return [[sum(a[i][k] * b[k][j] for k in range(m)) for j in range(p)] for i in range(n)]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
def matpow(a, e):
    r = identity(len(a))
    while e:
        if e & 1:
            r = matmul(r, a)
        a = matmul(a, a)
        e >>= 1
    return r
def det(m):
    m = [row[:] for row in m]
    n = len(m)
    d = 1.0
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        if m[p][c] == 0:
            return 0.0
        if p != c:
            m[c], m[p] = m[p], m[c]
            d = -d
        d *= m[c][c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n):
                m[r][k] -= f * m[c][k]
    return d
fib = matpow([[1, 1], [1, 0]], 200)
print(fib[0][1])
a = [[(i * 7 + j * 3) % 11 - 5 for j in range(6)] for i in range(6)]
print(round(det(a), 6), round(det(identity(4)), 6))
b = matmul(a, a)
print(b[0], b[5])
n = 40
big = [[(i * j) % 7 * 0.5 for j in range(n)] for i in range(n)]
c = matmul(big, big)
print(round(sum(map(sum, c)), 6))
