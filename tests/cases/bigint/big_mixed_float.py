# Big ints mixed with floats, and converted.
a = 2 ** 70
print(a / 2 ** 60)
print(a * 0.5)
print(float(2 ** 64))
print(int(1e20))
print(int(-2.5e18))
print(a + 1.0)
