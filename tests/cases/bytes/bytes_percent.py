# %-formatting of bytes and bytearray.
print(b"%d-%s" % (3, b"ab"), b"%x|%X|%o" % (255, 255, 8), b"%5s|%-4d|" % (b"hi", 7))
print(b"%.2f %e" % (3.14159, 1234.5), b"%c%c%c" % (65, b"B", 67), b"%%" % ())
print(bytearray(b"[%s]") % b"x", b"%s" % bytearray(b"ba"), b"%a" % 5)
print(b"%(k)s=%(v)d" % {b"k": b"key", b"v": 2} if False else b"no-dict")
try:
    b"%d" % "x"
except TypeError as e:
    print("TypeError:", e)
try:
    b"%s %s" % (b"one",)
except TypeError as e:
    print("TypeError:", e)
