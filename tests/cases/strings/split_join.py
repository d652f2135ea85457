# split/rsplit with and without separators and maxsplit; join on various iterables.
s = "  the quick  brown fox  "
print(s.split(), s.split(" "), s.split(None, 1), s.rsplit(None, 1))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,,c".rsplit(",", 1), "a,b,,c".rsplit(",", 2))
print("".split(), "".split(","), "abc".split("abc"), "xaxbx".split("x"))
print("line1\nline2\r\nline3\n".splitlines(), "a\nb\n".splitlines(True))
print("-".join(["a", "b", "c"]), "".join("xyz"), ", ".join([str(i) for i in range(4)]))
print("|".join({"k": 1, "j": 2}), "+".join(("solo",)), "x".join([]))
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
print("a b c".split(maxsplit=1), "a b c".rsplit(maxsplit=1), "1 2 3".split(" ", maxsplit=0))
