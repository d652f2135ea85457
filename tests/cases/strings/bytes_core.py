# bytes and bytearray: literals, construction, indexing, slicing, iteration, operators, encode/decode.
b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], list(b[:3]), bytes(3), bytes([65, 66]))
print(b + b" world", b * 2, b"ell" in b, 104 in b, b == b"hello", b < b"help", b != bytearray(b"hello"))
print(b.upper(), b.replace(b"l", b"L"), b.split(b"l"), b.find(b"ll"), b.count(b"l"), b.startswith(b"he"))
print(b"-".join([b"a", b"b"]), b.hex(), b"a\x00\xff'\n", repr(b'"'), bytes("h\u00e9", "utf-8"))
print("h\u00e9".encode(), "abc".encode("ascii"), b"h\xc3\xa9".decode(), b"\xe9".decode("latin-1"), str(b"ab", "utf-8"))
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
print(ba, len(ba), ba[1], bytes(ba), ba.decode(), ba + b"!", type(ba + b"!").__name__)
d = {b"k": 1}
print(d[bytes(bytearray(b"k"))], ord(b"a"), sum(b"\x01\x02\x03"), sorted(b"cab"), max(b"xyz"))
for bad in [lambda: b[9], lambda: ba.append(256), lambda: {ba: 1}, lambda: b"\xff".decode(), lambda: "\xe9".encode("ascii"), lambda: 5 in b"x" and 300 in b"x"]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
