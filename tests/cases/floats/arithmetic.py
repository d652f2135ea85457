# Float arithmetic: division, floor division, modulo signs, powers, and int/float mixing.
print(7 / 2, -7 / 2, 7.0 // 2, -7.0 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(2 ** 0.5, 2 ** -1, (-8) ** 2, 4 ** 0.5, 10 / 4 * 4)
print(0.1 * 3, 1.1 + 2.2, 3 * 1.1, 1e16 + 1, 0.1 + 0.7)
print(1 / 3 + 1 / 3 + 1 / 3 == 1.0, 0.1 + 0.2 == 0.3)
print(float(10 ** 20), 10 ** 20 / 3, 2 ** 0.5 * 2 ** 0.5)
print(abs(-2.5), -(-0.0), 0.0 == -0.0, max(1.5, 2), min(-0.5, 0))
print(int(2.5e10), float("  -1.25e-3 "), float("1_000.5"), float(7))
print(3.0.is_integer(), 3.5.is_integer(), (0.5).as_integer_ratio())
try:
    1.0 // 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    2.0 ** 10000
except OverflowError:
    print("OverflowError")
