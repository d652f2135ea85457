# Builtins are values that can be stored and called later.
m = max
ops = [min, max, sum, len]
print(m(1, 9, 4))
for op in ops:
    print(op([3, 1, 2]))
print(repr(str(123)), str(repr("q")))
