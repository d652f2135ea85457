# True division always gives a float.
print(1 / 1, 9 / 3, 10 / 4)
print(-9 / 2, 9 / -2, 0 / 5)
print(1 / 7)
print(22 / 7)
print(2 ** 10 / 1024)
