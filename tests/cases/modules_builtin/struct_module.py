# struct pack/unpack/calcsize with explicit byte orders (no native alignment).
import struct
print(struct.calcsize("<i"), struct.calcsize("<hhl"), struct.calcsize(">Q"), struct.calcsize("<bBhHiIqQfd"))
print(struct.pack("<i", 1), struct.pack(">i", 1), struct.pack("<h", -2), struct.pack(">H", 0xBEEF))
print(struct.pack("<BBB", 1, 2, 3), struct.pack("<q", -1), struct.pack(">d", 1.5), struct.pack("<f", 0.25))
print(struct.unpack("<i", b"\x01\x00\x00\x00"), struct.unpack(">HH", b"\x00\x01\x00\x02"))
print(struct.unpack("<hBb", struct.pack("<hBb", -300, 200, -100)), struct.unpack("<d", struct.pack("<d", 0.1)))
print(struct.pack("<4s", b"ab"), struct.unpack("<3s", b"xyz"), struct.pack("<?", True), struct.pack("<2h", 1, 2))
print(struct.unpack_from("<H", b"\x00\x01\x02", 1), struct.pack("!I", 3))
try:
    struct.pack("<B", 256)
except struct.error as e:
    print("struct.error:", e)
try:
    struct.unpack("<i", b"\x00")
except struct.error as e:
    print("struct.error:", e)
