# Loops that grow ints past 64 bits stay exact: factorial, fibonacci, powers of 3.
a, b = 0, 1
for _ in range(200):
    a, b = b, a + b
print(a)
p = 1
for i in range(1, 51):
    p *= i
print(p)
print(p // (2 ** 40), p % 1000003)
x = 1
for _ in range(70):
    x = x * 3 + 1
print(x, x.bit_length())
print(-x // 3, (-x) % 3)
