# math module: integer-valued functions and constants with exact outputs.
import math
print(math.floor(2.7), math.ceil(2.1), math.trunc(-2.9), math.gcd(12, 18, 24), math.lcm(4, 6))
print(math.isqrt(99), math.factorial(25), math.comb(52, 5), math.perm(10))
print(math.floor(-1e20) == -10 ** 20, math.sqrt(144), math.pow(10, -2), math.exp(1) == math.e)
print(round(math.sin(math.pi / 2), 12), round(math.cos(math.pi), 12), round(math.tan(math.pi / 4), 12))
print(math.log(math.e ** 2), math.log(100, 10), math.log1p(0), math.expm1(0), math.atan(0))
print(math.isclose(1.0, 1.0 + 1e-10), math.dist([0, 0], [3, 4]), math.fabs(-0.0))
print(math.nan != math.nan, math.inf > 10 ** 300, -math.inf)
