# Less common str methods: translate/maketrans, format_map, isprintable, ljust with unicode.
table = str.maketrans("abc", "xyz")
print("aabbcc".translate(table), "hello".translate(str.maketrans("", "", "l")))
print("{a}-{b}".format_map({"a": 1, "b": 2}))
print("abc".isprintable(), "a\nb".isprintable(), "ABC".isascii(), "\u00e9".isascii())
print("x".join("123"), "abc".index("c"), "hello world".count("o", 5))
print(str(b"bytes", "ascii"), str(), repr(str()))
