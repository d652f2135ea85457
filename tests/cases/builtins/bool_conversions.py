# bool() of values, and bools as ints.
print(bool(0), bool(3), bool(""), bool("0"), bool([]), bool([0]), bool(None))
print(bool(), bool(0.0), bool(-0.0), bool({}), bool(2 ** 70))
print(True + True, True * 10, False - 1, 1 + True)
print(True == 1, False == 0, True is True)
print(str(True), repr(False), int(True))
