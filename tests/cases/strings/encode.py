# str.encode to UTF-8/ASCII/latin-1 and errors handling; len of non-ASCII strings.
s = "h\u00e9llo \u20ac \U0001F600"
b = s.encode()
print(b, len(s), len(b), s.encode("utf-8") == b)
print("abc".encode("ascii"), "\u00e9".encode("latin-1"), b.decode("utf-8") == s)
print("caf\u00e9".encode("ascii", "replace"), "caf\u00e9".encode("ascii", "ignore"))
try:
    "caf\u00e9".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print([ord(c) for c in s[:3]], s[6], s[-1] == "\U0001F600")
