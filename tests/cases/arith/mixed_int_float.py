# Mixing ints and floats promotes to float.
print(1 + 2.0, 3 * 0.5, 7 - 0.25)
print(7 / 2, 7 // 2.0, 7 % 2.5)
print(-7 // 2.0, -7 % 2.0, 7.5 // -2)
print(2 ** -1, 2.0 ** 3, 4 ** 0.5)
print(1 == 1.0, 2 < 2.5, 3 >= 3.0)
print(10 / 4 * 4, 1 / 8)
