# int.to_bytes and int.from_bytes with byteorder, signed, and big values.
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"))
print((255).to_bytes(1, "big"), (0).to_bytes(3, "big"))
print((-1).to_bytes(2, "big", signed=True), (-129).to_bytes(2, "little", signed=True))
print((2 ** 100).to_bytes(13, "big"))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print(int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes(b"\xff\xff", "big"))
print(int.from_bytes(bytes(range(1, 17)), "little"))
print(int.from_bytes(b"", "big"), int.from_bytes(bytearray(b"\x80"), "big", signed=True))
for v in [0, 1, -1, 12345, -98765, 2 ** 63, -(2 ** 63)]:
    b = v.to_bytes(9, "big", signed=True)
    print(int.from_bytes(b, "big", signed=True) == v, b.hex())
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
try:
    (-1).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
