# Strings are immutable values; building strings in loops.
s = "x"
t = s
s += "y"
print(s, t)
parts = []
for i in range(10):
    parts.append(str(i * i))
print(",".join(parts))
acc = ""
for c in "hello":
    acc = c + acc
print(acc)
words = "the cat sat on the mat the end".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
print(str(), str(123), str([1, "a"]), str(None), str(b"x"), str(1.0), str(True))
