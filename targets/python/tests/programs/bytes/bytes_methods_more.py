# More bytes methods: partition, join, isdigit, ljust, translate-free transforms.
b = b"key:value:rest"
print(b.partition(b":"), b.rpartition(b":"), b.split(b":", 1), b.rsplit(b":", 1))
print(b"123".isdigit(), b"abc".isalpha(), b"ab1".isalnum(), b" ".isspace(), b"ABC".isupper(), b"abc".islower())
print(b"x".ljust(3, b"-"), b"x".rjust(3), b"x".center(5, b"*"), b"7".zfill(3))
print(b"Hello".lower(), b"hello".title(), b"hello".capitalize(), b"HeLLo".swapcase())
print(b"a\nb\r\nc".splitlines(), b"abc".endswith(b"bc"), b"abcabc".rfind(b"b"), b"abc".index(b"c"))
print(bytes(b"abc") is not None, b"".join([]), sorted(b"hello"), max(b"hello"), sum(b"\x01\x02"))
