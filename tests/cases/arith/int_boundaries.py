# Values around the small-int boundary of a 31-bit tagged word.
a = 1073741823
b = a + 1
print(a, b, b - 1)
c = -1073741824
print(c, c - 1, c - 1 + 1)
print(a * 2, a * a)
print((a + 1) // 2, (b * 4) % 7)
print(-c, abs(c - 5))
print(2 ** 30, 2 ** 31, 2 ** 32 - 1)
