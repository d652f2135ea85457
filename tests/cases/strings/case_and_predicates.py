# Case conversion and character class predicates.
for s in ["Hello World", "ABC", "abc", "123", "12a", "", "  ", " \t\n", "MiXeD cAsE 9", "a1_b"]:
    print(repr(s), s.upper(), s.lower(), s.isdigit(), s.isalpha(), s.isspace(), s.isalnum(), s.isupper(), s.islower())
print("hello world".title(), "hELLO".swapcase(), "hello".capitalize(), "HELLO wORLD".capitalize())
print("x".isidentifier(), "1x".isidentifier(), "Title Case".istitle(), "42".isdecimal(), "42".isnumeric())
print("StraSSe".casefold(), "Été".lower(), "é".upper())
