# int() from strings with bases, prefixes, underscores, whitespace and signs.
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("-101", 2))
print(int("777", 8), int("0o777", 0), int("0b1011", 0), int("z", 36), int("Zz", 36))
print(int("  42  "), int("+7"), int("-0"), int("1_000_000"), int("10", 3))
print(int(3.99), int(-3.99), int(True), int("123456789012345678901234567890"))
print(int("1" * 50, 2))
for bad in ["", "0x", "1.5", "12 3", "_1"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("10", 1)
except ValueError as e:
    print("ValueError:", e)
