# and / or return operands; not returns a bool.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2)
print("" or "default", "set" or "default", None and 1)
print([] or [1], [0] and "yes")
print(not 0, not 1, not "", not [1], not None)
def side(x):
    print("side", x)
    return x
print(side(0) and side(1))
print(side(1) or side(2))
