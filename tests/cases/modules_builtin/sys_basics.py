# sys.maxsize, sys.version_info major, and sys.exit(0) ending normally.
import sys
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, sys.version_info[0], sys.version_info.major >= 3)
print(type(sys.argv).__name__, isinstance(sys.argv, list))
print("exiting")
sys.exit(0)
print("not reached")
