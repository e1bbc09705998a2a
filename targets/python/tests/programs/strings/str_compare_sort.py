# String comparison is by code point; sorting strings with keys.
words = ["banana", "Apple", "cherry", "apple", "Banana", "éclair", "Zebra", "a", ""]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w), reverse=True))
print(max(words), min(words), "a" < "B", "a" < "b", "abc" < "abcd", "b" > "abc")
print(sorted("hello world"), "".join(sorted("hello", reverse=True)))
