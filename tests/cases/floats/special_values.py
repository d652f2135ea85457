# inf and nan behaviour: comparisons, arithmetic, and conversions.
import math
inf, nan = float("inf"), float("nan")
print(inf > 1e308, -inf < -1e308, inf == inf, nan == nan, nan != nan)
print(inf + 1, inf - inf, inf * 0, 1 / inf, -1 / inf)
print(math.isnan(inf - inf), math.isinf(inf * 2), max(1, inf), min(-inf, 0))
print(float("Infinity"), float("-NaN"), float("iNF"))
try:
    int(inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(nan)
except ValueError as e:
    print("ValueError:", e)
print(sorted([3.0, -inf, inf, 0.0]))
print(repr(float("nan")), str(-inf))
