# bytes construction, indexing (ints), slicing, iteration, concatenation and comparisons.
b = b"hello"
print(b, b[0], b[-1], b[1:3], list(b[:2]), len(b))
print(bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes("h\u00e9", "utf-8"))
print(b + b"!", b * 2, b"ell" in b, 104 in b, b == b"hello", b < b"help")
print(b.upper(), b.replace(b"l", b"L"), b.split(b"l"), b.find(b"l"), b.count(b"l"))
print(b.startswith(b"he"), b.endswith((b"x", b"lo")), b.strip(b"ho"), b"  x ".strip())
print(b.hex(), bytes.fromhex("de ad be ef"), b"\x00\xff\n\t\\'", b.index(b"o"))
print(b"-".join([b"a", b"b"]), b"a,b".partition(b","), b.isalpha(), b"12".isdigit())
print(repr(b'"'), repr(b"'"), repr(b"'\""))
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
