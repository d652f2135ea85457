# ord, chr, hex, oct, bin across ranges including negatives and big values.
for n in [0, 1, 7, 8, 255, 256, -1, -255, 4096, 2 ** 40]:
    print(n, hex(n), oct(n), bin(n))
print([chr(i) for i in range(65, 71)], chr(0x1F600) == "\U0001F600", ord("\u00ff"))
print(ord(b"a"), ord(bytearray(b"z")), ord("\n"), repr(chr(10)), repr(chr(0)))
try:
    ord("")
except TypeError as e:
    print("TypeError:", e)
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError:", e)
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
