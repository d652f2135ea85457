# Imports across modules: packages, relative imports, a module imported twice, a cycle.
import helper
import pkg.sub
from pkg import sub as s2, VALUE
from pkg.sub import twice
import pkg.sub as ps
import math, sys
from math import sqrt, pi
print(helper.greet("mpc"), helper.COUNT)
print(pkg.sub.twice(21), s2.twice(2), VALUE, twice(5), ps is pkg.sub)
print(__name__, helper.__name__, pkg.__name__, pkg.sub.__name__)
print(math.floor(2.5), math.ceil(2.1), sqrt(16), round(pi, 5), math.gcd(12, 18), math.factorial(20))
import helper
print(helper.COUNT)
try:
    import nothere
except ImportError as e:
    print(type(e).__name__, e)
try:
    from pkg import nope
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
print(type(math), type(helper))
import pkg.deep
print(pkg.deep.LEVEL, pkg.deep.leaf.BASE)
from pkg.deep import leaf as lf
print(lf.BASE)
import cycle_a
print(cycle_a.get_b(), cycle_a.cycle_b.partial())
