# center/ljust/rjust/zfill with fill characters and widths smaller than the string.
for w in [0, 3, 8, 9]:
    print(repr("abc".center(w)), repr("abc".ljust(w, "*")), repr("abc".rjust(w, "-")), repr("abc".center(w, ".")))
print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(6), "12345".zfill(3), "".zfill(2))
print("ab".center(5, "x"), "ab".center(6, "x"), "a".center(4, "x"))
print("tab\there".expandtabs(4), "1\t22\t333".expandtabs())
