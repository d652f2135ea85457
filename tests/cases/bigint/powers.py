# Powers of two overflow into arbitrary precision.
print(2 ** 100)
print(2 ** 64 - 1)
print(-(2 ** 63))
print(3 ** 50)
print(10 ** 30 + 1)
n = 1
i = 0
while i < 70:
    n = n * 2
    i += 1
print(n, n - 1)
