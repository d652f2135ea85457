# math.fsum (exact sums), dist, log1p, expm1.
import math
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]), math.fsum([]))
print(math.fsum([1, 2, 3]), math.fsum([1e308, 1e308, -1e308]) if False else 0, math.fsum(x / 10 for x in range(10)))
print(math.fsum([float("inf"), 1.0]), math.fsum([2.0 ** 53, 1.0, 1.0]), math.fsum([0.3, -0.1, -0.2]))
print(math.dist([1, 1], [4, 5]), math.dist((0,), (-2,)), math.dist([], []), math.dist([0, 0, 0], [1, 1, 1]) ** 2)
print(math.log1p(0.0), math.expm1(0.0), math.log1p(1e-20), math.expm1(1e-20), round(math.expm1(1.0), 12))
bad = [
    lambda: math.fsum([float("inf"), float("-inf")]), lambda: math.fsum([1e308, 1e308]),
    lambda: math.dist([1], [1, 2]), lambda: math.log1p(-1), lambda: math.fsum(["a"]),
]
for f in bad:
    try:
        print(f())
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
