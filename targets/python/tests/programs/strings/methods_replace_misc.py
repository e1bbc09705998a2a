# replace, translate, maketrans, encode, ord/chr round trips.
s = "banana"
print(s.replace("a", "o"), s.replace("a", "o", 2), s.replace("na", ""), s.replace("", "-"))
table = str.maketrans("abc", "xyz", "n")
print("aabbccnn".translate(table), "hello".translate({ord("l"): "L", ord("o"): None}))
print("héllo".encode("utf-8"), "abc".encode(), "héllo".encode("utf-8").decode("utf-8"))
print([ord(c) for c in "Az09 ~"], "".join(chr(c) for c in range(65, 75)), chr(0x263A), ord("€"))
print("ab" * 3, 3 * "-", "abc" < "abd", "Z" < "a", "" < "a", "abc" == "ab" + "c")
print(len("héllo"), len("日本語"), "日本語"[1], list("héllo"))
