# math.isqrt, lcm, comb, perm, prod, and their errors.
import math
print(math.isqrt(0), math.isqrt(1), math.isqrt(15), math.isqrt(16), math.isqrt(2 ** 200) == 2 ** 100, math.isqrt(10 ** 41))
print(math.lcm(), math.lcm(0, 5), math.lcm(-4, 6), math.lcm(3, 5, 7), math.lcm(2 ** 40, 3 ** 20) == 2 ** 40 * 3 ** 20)
print(math.comb(5, 0), math.comb(5, 5), math.comb(5, 7), math.comb(100, 50), math.comb(10 ** 20, 2))
print(math.perm(5), math.perm(5, 0), math.perm(5, 6), math.perm(30, 10), math.perm(4, None))
print(math.prod([]), math.prod(range(1, 21)), math.prod([1.5, 2]), math.prod((2, 2.5, "x")[:2]), math.prod([[1]]))
bad = [
    lambda: math.isqrt(-1), lambda: math.isqrt(2.0), lambda: math.comb(-1, 2), lambda: math.comb(5, -2),
    lambda: math.perm(1.5), lambda: math.lcm(1.0), lambda: math.comb(5), lambda: math.perm(1, 2, 3),
    lambda: math.prod([1, "a"]), lambda: math.prod(5),
]
for f in bad:
    try:
        print(f())
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
