# Float comparisons, including mixed with ints.
print(0.1 + 0.2 == 0.3, 0.5 + 0.25 == 0.75)
print(1.0 < 2, 2.5 > 2, 3.0 == 3, 3.0 != 3.1)
print(-0.0 < 0.0, 1e-300 > 0)
print(min(1.5, 2, 0.5), max(-1.0, -2))
print(1 < 1.5 < 2 < 2.5)
