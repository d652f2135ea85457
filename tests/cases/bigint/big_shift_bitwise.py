# Shifts and bitwise operations that leave the small-int range.
x = 1 << 100
print(x)
print(x >> 37, x >> 100, x >> 200)
print((x - 1) & 0xffff, x | 1, (x + 5) ^ x)
print(-x >> 3)
print((1 << 65) - (1 << 64))
