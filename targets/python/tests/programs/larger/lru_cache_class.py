# An LRU cache class built on a dict and a doubly linked list.
class Node:
    __slots__ = ("key", "value", "prev", "next")
    def __init__(self, key, value):
        self.key, self.value = key, value
        self.prev = self.next = None
class LRU:
    def __init__(self, cap):
        self.cap = cap
        self.map = {}
        self.head = Node(None, None)
        self.tail = Node(None, None)
        self.head.next, self.tail.prev = self.tail, self.head
        self.hits = self.misses = 0
    def _unlink(self, n):
        n.prev.next, n.next.prev = n.next, n.prev
    def _front(self, n):
        n.next, n.prev = self.head.next, self.head
        self.head.next.prev = n
        self.head.next = n
    def get(self, key):
        n = self.map.get(key)
        if n is None:
            self.misses += 1
            return None
        self.hits += 1
        self._unlink(n)
        self._front(n)
        return n.value
    def put(self, key, value):
        n = self.map.get(key)
        if n is not None:
            n.value = value
            self._unlink(n)
        else:
            n = Node(key, value)
            self.map[key] = n
            if len(self.map) > self.cap:
                old = self.tail.prev
                self._unlink(old)
                del self.map[old.key]
        self._front(n)
    def keys(self):
        out, n = [], self.head.next
        while n is not self.tail:
            out.append(n.key)
            n = n.next
        return out
c = LRU(4)
for i in range(3000):
    k = (i * i) % 13
    if c.get(k) is None:
        c.put(k, k * 10)
print(c.hits, c.misses, c.keys(), [c.get(k) for k in c.keys()])
