# removeprefix/removesuffix: empty affixes, non-ASCII text, and the TypeError for a non-str argument.
print("abc".removeprefix(""), "abc".removesuffix(""), "abc".removeprefix("abc") == "", "héllo".removeprefix("hé"), "héllo".removesuffix("llo"))
print("aa".removeprefix("a"), "aa".removesuffix("a"))
try:
    "x".removeprefix(1)
except TypeError as e:
    print(e)
try:
    "x".removesuffix()
except TypeError as e:
    print("TypeError")
