# Small-int arithmetic: the everyday operators.
a = 7
b = 3
print(a + b, a - b, a * b)
print(a // b, a % b, a ** b)
print(-a, +a, a - 10)
print(a / b)
print(6 / 3)
print(0 - 0, 0 * 5, 1 - 1)
print(2 ** 0, 0 ** 0, 1 ** 100)
print(100 - 200, -5 * -5, 12 * -3)
