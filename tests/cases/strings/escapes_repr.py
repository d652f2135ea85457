# repr picks quotes and escapes like CPython.
print(repr("plain"), repr("it's"), repr('say "hi"'))
print(repr("both ' and \""), repr("tab\there"), repr("new\nline"))
print(repr("back\\slash"), repr(""), repr("é"))
print(["a'b", 'c"d', "e"])
