# More bytes methods: rsplit, rfind, lstrip/rstrip, ljust, zfill, splitlines, isspace, lower, and %-format.
b = b"  key: value  "
print(b.strip().split(b": "), b.rsplit(None, 1), b.rfind(b" "), b.lstrip(), b.rstrip())
print(b"ab".ljust(5, b"."), b"ab".rjust(5), b"ab".center(6, b"*"), b"7".zfill(3))
print(b"a\nb\r\nc".splitlines(), b" \t".isspace(), b"ABC".lower(), b"Hi There".swapcase())
print(b"%s=%d" % (b"x", 5), b"%05.1f" % 2.25, b"%c%c" % (104, b"i"))
print(bytes(b"copy") == b"copy", b"abc"[::-1], b"aaa".replace(b"a", b"bb", 2))
print(list(bytes.fromhex("00ff10")), bytes([1, 2]).hex("-"), b"\x01\x02".hex())
print(max(b"xyz"), sum(b"\x01\x02\x03"), sorted(b"cab"), b"abc".decode().encode())
