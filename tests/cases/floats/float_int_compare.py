# Comparisons and equality between ints, big ints and floats are exact.
print(1 == 1.0, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53 + 1)
print(10 ** 20 == 1e20, 10 ** 23 == 1e23, 1e23 > 10 ** 23)
print(0.5 < 1, -0.0 < 0, 3 > 2.999999, 2 ** 1000 > 1e300)
print(sorted([3, 2.5, 10 ** 20, 1e19, -1, -1.5]))
print(max(2, 2.0), min(2.0, 2), 5 // 2.0, 5 % 2.0)
print(hash(2) == hash(2.0), {2: "a"}[2.0], 1.0 in {1})
