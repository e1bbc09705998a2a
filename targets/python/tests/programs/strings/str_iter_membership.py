# Iterating over strings, enumerate, zip, reversed, in.
s = "python"
print(list(s), list(enumerate(s))[:3], list(zip(s, s[1:])), "".join(reversed(s)))
print([c for c in s if c in "aeiouy"], sum(1 for c in "mississippi" if c == "s"))
print(dict(zip("abc", range(3))), set("aab") == {"a", "b"}, tuple("hi"))
print(s.__len__(), s.__contains__("th"), s.__getitem__(2), "".join(map(str.upper, s)))
vowels = 0
for ch in "The Quick Brown Fox":
    if ch.lower() in "aeiou":
        vowels += 1
print(vowels)
