# str/repr/format of big ints, hex/oct/bin with signs, and int comparisons with floats.
n = 3 ** 100
print(n, repr(-n), str(n)[:5], len(str(n)))
print(hex(n), oct(-n)[:8], bin(n)[:12])
print(format(n, ","), format(-(10 ** 12), "_"), f"{2**40:>20}")
print(f"{255:x} {255:X} {255:o} {255:b} {255:#x} {255:#b} {-255:#o}")
print(2 ** 53 + 1 > 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53, 10 ** 400 > 1e308)
print(float(2 ** 80), int(1e20), 2 ** 100 / 2 ** 98)
