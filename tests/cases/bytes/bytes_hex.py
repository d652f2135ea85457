# bytes.fromhex and hex(sep), with the errors CPython gives.
print(bytes.fromhex(""), bytes.fromhex("  0a0B  ff "), bytes.fromhex("00\n11\t22"))
print(b"\x01\xab\xff".hex(), b"\x01\xab\xff".hex(":"), bytearray(b"\x10\x20").hex("-"), b"".hex())
for s in ["0g", "abc", "a b", "12 3", " x"]:
    try:
        print(bytes.fromhex(s))
    except ValueError as e:
        print("ValueError:", e)
try:
    bytes.fromhex(b"00")
except TypeError as e:
    print("TypeError:", e)
