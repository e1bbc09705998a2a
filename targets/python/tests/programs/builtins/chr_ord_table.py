# An ASCII table built with chr and ord.
for row in range(2, 8):
    print(" ".join("%3d:%s" % (c, chr(c) if c != 127 else "DEL") for c in range(row * 16, row * 16 + 16, 2)))
print(sum(ord(c) for c in "checksum"), "".join(chr(ord("a") + (i * 7) % 26) for i in range(26)))
