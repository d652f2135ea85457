# int() from str, float and with a base.
print(int("42"), int("-17"), int("  8  "), int("+5"))
print(int(3.99), int(-3.99), int(True), int(False))
print(int("ff", 16), int("777", 8), int("1010", 2), int("z", 36))
print(int("0x1f", 16), int("0b11", 2), int("0o17", 8))
print(int(), int("007"))
