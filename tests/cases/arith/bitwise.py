# Bitwise operators on small ints, including negatives.
x = 0b1100
y = 0b1010
print(x & y, x | y, x ^ y, ~x)
print(1 << 10, 1024 >> 3, -16 >> 2, -1 >> 5)
print(0xff & -256, -1 & 0xffff, 5 ^ -1)
print(~0, ~-1, ~255)
print(0o17, 0x7f, 0b101)
