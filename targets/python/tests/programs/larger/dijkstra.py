# Shortest paths with a binary heap written by hand on a seeded random graph.
import random
class Heap:
    def __init__(self):
        self.a = []
    def push(self, item):
        a = self.a
        a.append(item)
        i = len(a) - 1
        while i > 0:
            p = (i - 1) // 2
            if a[p] <= a[i]:
                break
            a[p], a[i] = a[i], a[p]
            i = p
    def pop(self):
        a = self.a
        top = a[0]
        last = a.pop()
        if a:
            a[0] = last
            i = 0
            while True:
                l, r, m = 2 * i + 1, 2 * i + 2, i
                if l < len(a) and a[l] < a[m]:
                    m = l
                if r < len(a) and a[r] < a[m]:
                    m = r
                if m == i:
                    break
                a[m], a[i] = a[i], a[m]
                i = m
        return top
    def __len__(self):
        return len(self.a)
rng = random.Random(3)
n = 300
graph = {i: [] for i in range(n)}
for _ in range(1500):
    u, v = rng.randrange(n), rng.randrange(n)
    graph[u].append((v, rng.randint(1, 50)))
def dijkstra(src):
    dist = {src: 0}
    h = Heap()
    h.push((0, src))
    while len(h):
        d, u = h.pop()
        if d > dist.get(u, 1 << 60):
            continue
        for v, w in graph[u]:
            nd = d + w
            if nd < dist.get(v, 1 << 60):
                dist[v] = nd
                h.push((nd, v))
    return dist
dist = dijkstra(0)
print(len(dist), max(dist.values()), sum(dist.values()), [dist.get(i) for i in range(10)])
