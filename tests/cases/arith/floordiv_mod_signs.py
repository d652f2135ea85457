# Floor division and modulo follow the sign of the divisor, as in Python.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (6, 3), (-6, 3), (1, 5), (-1, 5)]
for p in pairs:
    a = p[0]
    b = p[1]
    print(a, b, a // b, a % b)
    print(a == (a // b) * b + a % b)
