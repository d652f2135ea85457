# strip/lstrip/rstrip with default whitespace and explicit character sets; removeprefix/removesuffix.
s = " \t\n hello world \r\n"
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "xyhiyx".strip("xy"), "abcHELLOcba".lstrip("abc"), "abcHELLOcba".rstrip("cab"))
print(repr("   ".strip()), repr("".strip("a")), "aaa".strip("a") == "")
print("prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"), "x".removeprefix("y"))
