# str() of various values.
print(str(42), str(-7), str(True), str(None), str(1.5))
print(str([1, "a"]), str((1,)), str({"k": "v"}))
print(str("already"), len(str(12345)))
print(str(10 ** 20) + "!")
