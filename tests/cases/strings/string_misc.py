# Indexing, slicing, concatenation, repetition, comparison and iteration of strings.
s = "Python"
print(s[0], s[-1], s[1:4], s[::-1], s * 2, s + "!", len(s))
print("a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "ab" < "abc", "abc" == "abc")
print(list("héllo"), [c for c in "abc"], sorted("banana"), min("hello"), max("hello"))
print("x" * 0, "x" * -1, 3 * "ab", str(123), str(-1.5), str(True), str(None))
print(repr("quote's"), repr('dq"'), repr("both'\""), repr("tab\tnl\n\\"), repr("\x00\x7f\u00e9"))
print(ascii("h\u00e9"), "%r" % "\u20ac")
print(ord("A"), chr(97), chr(0x20AC), ord("\u20ac"))
try:
    s[0] = "J"
except TypeError as e:
    print("TypeError:", e)
print("\N{BULLET}" == "\u2022", "a\
b")
