# sys.version_info tuple comparisons and sys.byteorder.
import sys
print(sys.version_info >= (3, 0), sys.version_info[:1], sys.byteorder)
print(len(sys.version_info) >= 3, sys.version_info[0] == 3)
