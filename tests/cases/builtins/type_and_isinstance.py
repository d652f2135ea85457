# type() printing and isinstance, including bool being an int.
for v in [1, 2 ** 100, 1.5, "s", True, None, [1], (1,), {"k": 1}, range(3)]:
    print(type(v))
print(isinstance(1, int), isinstance(True, int), isinstance(1.0, int))
print(isinstance("s", (int, str)), isinstance([], (tuple, dict)))
print(isinstance(2 ** 90, int), isinstance(None, int))
print(type(1) == int, type(True) == int, type("") == str)
