# print shows str() of each argument.
print(None, True, False, 0, -1, 2.5, "s", [1, "s"], (2,), {"k": "v"})
print(1e100, 10 ** 20, -0.0)
print([None, [True, [False]]])
print("multi\nline")
print("tab\tseparated")
