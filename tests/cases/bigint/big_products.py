# Huge products and their digits.
a = 123456789123456789
b = 987654321987654321
p = a * b
print(p)
print(p * p)
print(p // a == b, p % a)
print(-a * b)
print(a * -b * -1)
print(len(str(p * p * p)))
