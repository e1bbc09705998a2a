# Word statistics over a generated text: counts, top words, line lengths.
import random
rng = random.Random(17)
vocab = "the of and to in a is that for it as was with be by on not he this are or his from at which".split()
lines = [" ".join(rng.choice(vocab) for _ in range(rng.randint(3, 12))) for _ in range(400)]
text = "\n".join(lines)
words = text.split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
print(len(lines), len(words), len(counts), top)
lengths = [len(l) for l in lines]
print(min(lengths), max(lengths), sum(lengths) / len(lengths))
bigrams = {}
for a, b in zip(words, words[1:]):
    bigrams[a, b] = bigrams.get((a, b), 0) + 1
print(sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
longest = max(lines, key=len)
print(longest.title())
