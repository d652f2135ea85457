# Unary minus, plus and invert on ints, floats and bools.
print(-5, -(-5), +7, -0, -2.5, +2.5)
print(~5, ~-6, -True, +False, ~True)
print(-(2 ** 80), -(-(2 ** 80)))
x = 3
print(-x * -x, - - x)
