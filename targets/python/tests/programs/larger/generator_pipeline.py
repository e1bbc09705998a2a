# A generator pipeline: a seeded event stream, filtered, windowed and aggregated.
import random

def events(seed, n):
    rng = random.Random(seed)
    kinds = ["click", "view", "buy", "scroll"]
    for i in range(n):
        yield {"t": i, "user": rng.randrange(20), "kind": rng.choice(kinds), "value": rng.randint(1, 100)}

def only(kind, stream):
    for e in stream:
        if e["kind"] == kind:
            yield e

def windows(stream, size):
    batch = []
    for e in stream:
        batch.append(e)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch

def summarize(batches):
    for b in batches:
        values = [e["value"] for e in b]
        yield len(b), sum(values), max(values), len({e["user"] for e in b})

total = 0
for count, s, mx, users in summarize(windows(only("buy", events(7, 20000)), 250)):
    total += s
    print(count, s, mx, users)
print("total", total)
per_kind = {}
for e in events(11, 5000):
    per_kind[e["kind"]] = per_kind.get(e["kind"], 0) + 1
print(sorted(per_kind.items()))
