# Lists as stacks and queues; collections.deque as a queue.
from collections import deque
stack = []
for c in "abc":
    stack.append(c)
print(stack.pop(), stack.pop(), stack)
q = deque()
q.append(1); q.append(2); q.appendleft(0)
print(q, q.popleft(), q.pop(), q, len(q))
def bfs(graph, start):
    seen = [start]
    queue = deque([start])
    while queue:
        n = queue.popleft()
        for m in graph[n]:
            if m not in seen:
                seen.append(m)
                queue.append(m)
    return seen
g = {1: [2, 3], 2: [4], 3: [4, 5], 4: [6], 5: [6], 6: []}
print(bfs(g, 1))
