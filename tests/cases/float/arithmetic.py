# Float arithmetic and floor division/modulo.
x = 7.5
y = 2.0
print(x + y, x - y, x * y, x / y)
print(x // y, x % y, -x // y, -x % y)
print(x ** 2, y ** 0.5, y ** -2)
print(0.1 * 3, 0.3 - 0.1)
print(1.1 + 2.2, 3.3 * 3)
print(abs(-2.5), -x)
