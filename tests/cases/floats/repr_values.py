# float repr uses the shortest round-tripping form, with exponents like CPython.
vals = [0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e16, 1e15, 123456789.123, 1e-5, 0.0001,
        1.5e300, 2.5e-300, 1 / 3, 2 / 3, 100.0, 1e22, 1e23, 3.14159, 5e-324, 1.7976931348623157e308]
for v in vals:
    print(repr(v), str(v))
print(float("inf"), float("-inf"), float("nan"), -float("inf"))
print(1e308 * 10, -1e308 * 10)
print([0.5, 1.25], (2.0,), {1.5: 2.5})
