# int.to_bytes/from_bytes defaults, keywords, edges and errors.
print((5).to_bytes(), (65535).to_bytes(2, byteorder="little"), (0).to_bytes(0, "big"))
print((-128).to_bytes(1, "big", signed=True), (127).to_bytes(1, "big", signed=True))
print((2 ** 64 - 1).to_bytes(8, "little"), (-(2 ** 63)).to_bytes(8, "big", signed=True).hex())
print(int.from_bytes(b"\x01\x02"), int.from_bytes([1, 0], "little"), int.from_bytes(b"\x00\x80", "big", signed=True))
print(int.from_bytes(b"\xff" * 20, "big", signed=True), int.from_bytes(b"\xff" * 20, "little") == 2 ** 160 - 1)
print(True.to_bytes(1, "big"), int.from_bytes(bytearray([0, 0, 1]), byteorder="big"))
bad = [
    lambda: (1).to_bytes(-1, "big"),
    lambda: (1).to_bytes(2, "middle"),
    lambda: (1).to_bytes(2, 5),
    lambda: (1).to_bytes("2", "big"),
    lambda: (128).to_bytes(1, "big", signed=True),
    lambda: (-129).to_bytes(1, "little", signed=True),
    lambda: (1).to_bytes(1, "big", sign=True),
    lambda: int.from_bytes(b"\x01", "sideways"),
    lambda: int.from_bytes(5, "big"),
    lambda: int.from_bytes([256], "big"),
]
for f in bad:
    try:
        print(f())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
