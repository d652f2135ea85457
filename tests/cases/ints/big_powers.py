# Arbitrary precision: 2**100, factorials, and mixed operations with big ints.
print(2 ** 100, -2 ** 100, (-2) ** 101)
print(2 ** 100 - 1, 2 ** 100 + 2 ** 99, 2 ** 100 * 3 ** 50)
f = 1
for i in range(1, 31):
    f *= i
print(f, len(str(f)))
print(10 ** 30 // 7, 10 ** 30 % 7, -(10 ** 30) // 7, -(10 ** 30) % 7)
print(2 ** 64 == 18446744073709551616, 2 ** 63 - 1, -(2 ** 63))
print(abs(-(3 ** 80)), 3 ** 80 > 2 ** 126, 7 ** 0, 0 ** 0)
print(int("9" * 40) + 1)
