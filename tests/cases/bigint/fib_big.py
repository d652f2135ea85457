# Iterative Fibonacci well past 64 bits.
a = 0
b = 1
for i in range(150):
    a, b = b, a + b
print(a)
print(b - a)
print(a % 1000000007)
