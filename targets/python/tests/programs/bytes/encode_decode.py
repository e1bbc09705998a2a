# Encoding and decoding between str and bytes.
s = "Grüße, 世界"
u8 = s.encode("utf-8")
print(u8, len(u8), u8.decode("utf-8") == s)
print(s.encode("latin-1", errors="replace"), s.encode("ascii", errors="ignore"), s.encode("ascii", "replace"))
print(b"caf\xc3\xa9".decode(), b"caf\xe9".decode("latin-1"), b"\xff\xfe".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"))
print(str(b"abc", "ascii"), bytes("xyz", "ascii"), list("é".encode()), "é".encode("utf-16-le"))
print(int.from_bytes(b"\x00\x10", "big"), (4096).to_bytes(2, "big"), (-1).to_bytes(2, "big", signed=True), int.from_bytes(b"\xff\xff", "big", signed=True))
