# sys.version_info as a tuple with named fields, sys.implementation, sys.maxsize.
import sys
v = sys.version_info
print(v.major == v[0] == 3, v.minor == v[1], v.micro == v[2], v.releaselevel, v.serial, len(v))
print(v >= (3, 8), v[:2] >= (3, 0), isinstance(v, tuple), sys.version_info is v)
print(type(sys.implementation.name).__name__, sys.implementation.version[0], sys.implementation.version.major)
print(sys.maxsize, sys.maxsize + 1 == 2 ** 63, hasattr(sys.implementation, "name"))
try:
    v.major = 4
except (AttributeError, TypeError) as e:
    print(type(e).__name__)
try:
    (3, 11).major
except AttributeError as e:
    print("AttributeError:", e)
