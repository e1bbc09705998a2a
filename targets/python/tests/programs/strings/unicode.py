# Non-ASCII text: lengths, indexing, case, encoding sizes.
s = "naïve café 日本 🎉"
print(s, len(s), s[2], s[-1], s.upper(), s.split())
print(len(s.encode("utf-8")), s.encode("utf-8")[:8], [hex(ord(c)) for c in "é日🎉"])
print("ß".upper(), "ǅ".lower(), "İ".lower() == "i̇", "Σ".lower())
print(repr("é"), ascii("é日"), "\u00e9" == "é", "e\u0301" == "é", len("e\u0301"))
print("日本".encode("utf-8").decode("utf-8") == "日本", "abc".encode("ascii"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
