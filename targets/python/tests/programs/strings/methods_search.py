# find, index, count, startswith, endswith, in.
s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.rfind("the"), s.find("cat"), s.index("fox"), s.rindex("o"))
print(s.count("o"), s.count("the"), s.count(""), "abcabc".count("abc", 1))
print(s.startswith("the"), s.startswith("quick", 4), s.endswith("dog"), s.endswith(("cat", "dog")), s.startswith(("a", "t")))
print("fox" in s, "cat" not in s, "" in s)
print(s.find("o", 20, 30), s.find("", 5), "aaa".find("aa", 1))
try:
    s.index("cat")
except ValueError as e:
    print("ValueError:", e)
