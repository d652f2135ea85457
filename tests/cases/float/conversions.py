# float() from str and int, int() from float (truncation).
print(float("1.5"), float("-2"), float("  3.25  "), float("1e3"))
print(float(7), float(-3), float(0))
print(int(3.9), int(-3.9), int(0.5), int(-0.5))
print(int(1e10), float(2 ** 40))
print(str(2.0), str(0.1), repr(1e16))
print(float("inf"), float("-inf"))
