# abs, min, max and sum.
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-(2 ** 80)))
print(min(3, 1, 2), max(3, 1, 2), min([4, 2, 8]), max((1.5, -1, 0)))
print(min("b", "a", "c"), max(["x", "yy"]), max(1, 2.5))
print(sum([1, 2, 3]), sum([], 7), sum((1.5, 2.5)), sum([1, 2], 10))
print(min(5, 5.0), max(True, 0))
