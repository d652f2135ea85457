# Decoding bytes with utf-8, ascii, latin-1 and error handlers.
data = "na\u00efve \u20ac".encode("utf-8")
print(data, data.decode(), data.decode("utf-8"), len(data))
print(b"abc".decode("ascii"), b"\xe9".decode("latin-1"), bytearray(b"xy").decode())
print(b"a\xffb".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"))
try:
    b"a\xffb".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
try:
    b"\x80".decode("ascii")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print(str(b"ab", "utf-8"), b"\xf0\x9f\x98\x80".decode() == "\U0001F600")
