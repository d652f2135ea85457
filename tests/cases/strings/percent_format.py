# printf-style % formatting: conversions, widths, flags, dict mapping, and literal %.
print("%s|%r|%d|%i|%5d|%-5d|%05d|%+d|% d" % ("s", "s", 42, 7, 42, 42, 42, 42, 42))
print("%x|%X|%o|%#x|%#o|%08.3f|%.2e|%g|%c|%c" % (255, 255, 8, 255, 8, 3.14159, 12345.678, 0.00001, 65, "z"))
print("%(name)s is %(age)d years" % {"name": "Ann", "age": 30})
print("100%% sure, %s" % "yes", "%s" % (1,), "%s" % [1, 2], "%s %s" % ("a", (1, 2)))
print("%.3s|%10.2s|%-6s|" % ("abcdef", "xyz", "ab"))
print("%d %d" % (3.99, -3.99), "%s" % None, "%r" % 1.0, "%5.1f%%" % 99.44)
print("%*d|%-*d|" % (5, 1, 4, 2))
print("%d" % (2 ** 70), "%x" % (2 ** 70), "%e" % 0, "%.0f" % 0.5, "%.0f" % 1.5)
try:
    "%d %d" % (1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
