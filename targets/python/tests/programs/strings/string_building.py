# Text processing: word wrap, caesar cipher, run-length encoding, palindromes.
def caesar(s, k):
    out = []
    for c in s:
        if c.isalpha():
            base = ord("a") if c.islower() else ord("A")
            out.append(chr((ord(c) - base + k) % 26 + base))
        else:
            out.append(c)
    return "".join(out)
def rle(s):
    out = []
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append("%d%s" % (j - i, s[i]))
        i = j
    return "".join(out)
def wrap(text, width):
    lines, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = line + " " + w if line else w
    lines.append(line)
    return lines
def is_pal(s):
    t = [c.lower() for c in s if c.isalnum()]
    return t == t[::-1]
print(caesar("Hello, World!", 3), caesar(caesar("Round Trip", 11), 15))
print(rle("aaabccddddde"), rle(""), rle("x"))
for l in wrap("the quick brown fox jumps over the lazy dog and keeps running far away", 16):
    print("|" + l.ljust(16) + "|")
print(is_pal("A man, a plan, a canal: Panama"), is_pal("not one"))
