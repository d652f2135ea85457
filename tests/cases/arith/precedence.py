# Operator precedence and associativity.
print(2 + 3 * 4, (2 + 3) * 4)
print(2 ** 3 ** 2, (2 ** 3) ** 2)
print(-2 ** 2, (-2) ** 2)
print(10 - 4 - 3, 100 // 10 // 3)
print(1 + 2 << 3, 1 | 2 ^ 3 & 4)
print(not 1 + 1 == 2, 3 - -3)
