# round() uses banker's rounding for halves and supports ndigits, including negative.
for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 0.125, 0.375]:
    print(v, round(v), round(v, 2), round(v, 1))
print(round(3.14159, 3), round(1234.5678, -2), round(-1234.5678, -1))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(2.5, 0))
print(round(7), round(7, 1), round(15, -1), round(25, -1))
print(round(1e20), round(123.456, 10))
