# Conversions between bytes, bytearray, list and str, and equality across them.
ba = bytearray(range(65, 70))
b = bytes(ba)
print(ba, b, list(b), tuple(ba), b == ba, ba == b)
print(bytes(list(b)), bytearray(b)[1:3], str(b, "ascii"), b.decode("ascii").lower())
print(b"abc" != "abc", b"" == bytearray(), len(bytearray(b"\x00" * 10)))
h = {}
h[b"k"] = 1
print(h[bytes(bytearray(b"k"))])
try:
    {bytearray(b"k"): 1}
except TypeError as e:
    print("TypeError:", e)
