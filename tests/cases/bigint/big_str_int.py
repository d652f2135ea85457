# Converting big ints to and from strings.
s = "123456789012345678901234567890"
n = int(s)
print(n + 1)
print(str(n * 2))
print(int("-99999999999999999999") - 1)
print(repr(2 ** 90))
print(int("ffffffffffffffffffff", 16))
