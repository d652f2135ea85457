# Import forms: import x, import x as y, from x import a, b as c.
import math as m
from math import sqrt, pi as PI
from struct import pack
import json, sys
print(m.floor(1.5), sqrt(9), PI == m.pi, pack(">H", 1), json.dumps([]), sys.maxsize > 0)
def f():
    import math
    return math.ceil(0.5)
print(f())
