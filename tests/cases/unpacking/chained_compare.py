# Chained comparisons evaluate middle operands once and short-circuit.
def v(x):
    print("eval", x)
    return x
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0)
print(v(1) < v(2) < v(3))
print(v(5) < v(2) < v(3))
x = 5
print(0 <= x < 10, 0 <= x <= 4, 1 == 1.0 == True)
print(1 < 2 > 0, "a" < "b" < "c" != "d")
print(1 in [1, 2] in [[1, 2]], 1 is not None is not False)
print([1] == [1] != [2])
