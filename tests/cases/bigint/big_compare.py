# Comparisons between big ints, small ints and floats.
a = 2 ** 80
b = 2 ** 80 + 1
print(a < b, a == b, a != b, b > a)
print(a == 2 ** 80, -a < 0, -a < -b)
print(a > 5, 5 < a, a == a + 0)
print(2 ** 53 == 2.0 ** 53, 2 ** 100 > 1e20)
print(max(a, b, 3), min(-a, 7))
