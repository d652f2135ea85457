# Bitwise operations on small, negative and big ints, plus bit_length and shifts.
print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010, ~5, ~-1)
print(-12 & 0xFF, -1 ^ 2 ** 70, (2 ** 70 - 1) & -(2 ** 35))
print(1 << 100, (1 << 100) >> 98, -1 >> 10, -(2 ** 100) >> 3)
print((255).bit_length(), (0).bit_length(), (-256).bit_length(), (2 ** 100).bit_length())
print(bin(2 ** 70 | 1)[:10], hex(-(2 ** 68)), oct(8 ** 20))
x = 0
for i in range(0, 100, 7):
    x |= 1 << i
print(x, bin(x).count("1"))
print(True & 3, True | False, True ^ True, 5 & True)
