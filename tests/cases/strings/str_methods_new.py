# isidentifier, istitle, isdecimal/isnumeric, isascii, isprintable, casefold, expandtabs, splitlines.
for s in ["abc", "_x1", "1abc", "", "a b", "Hello World", "Hello world", "HELLO", "A1 B2", "12", "x\ty"]:
    print(repr(s), s.isidentifier(), s.istitle(), s.isdecimal(), s.isnumeric(), s.isascii(), s.isprintable())
print("ABC Def".casefold(), "a\tbc\td".expandtabs(), "a\tbc\td".expandtabs(3), "x\ty".expandtabs(0))
print(repr("12\t\n\tx\r\t".expandtabs(4)), repr("".expandtabs()))
print("a\r\nb\rc\n\nd".splitlines(), "a\r\nb\rc\n\nd".splitlines(keepends=True) if False else "a\r\nb\rc\n\nd".splitlines(True))
print("".splitlines(), "\n".splitlines(), "x\n".splitlines(False), "no newline".splitlines(True))
try:
    "a\tb".expandtabs("4")
except TypeError as e:
    print("TypeError:", e)
