# math module functions with exactly representable or well-defined results.
import math
print(math.pi, math.e, math.tau, math.inf, math.isnan(math.nan))
print(math.sqrt(16), math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7))
print(math.floor(3), type(math.floor(2.5)).__name__, math.ceil(2 ** 70 + 0.0) == 2 ** 70)
print(math.fabs(-3), math.pow(2, 10), math.exp(0), math.log(1), math.log(8, 2), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), math.atan2(0, 1), math.degrees(math.pi), math.radians(180))
print(math.gcd(48, 18), math.gcd(0, 5), math.factorial(20), math.isqrt(10 ** 20 + 1))
print(math.isfinite(1e308), math.isinf(-math.inf), math.copysign(3, -0.0), math.fmod(-7, 3))
print(math.hypot(3, 4), math.modf(3.5), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10))
print(math.isclose(0.1 + 0.2, 0.3), math.floor(-0.0), math.sqrt(0.0))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
