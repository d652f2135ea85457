# Star targets in assignment unpacking: first/middle/last positions and nested targets.
a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = "xyz"
print(a, b)
a, *b, c = range(5)
print(a, b, c)
a, *b, c = (1, 2)
print(a, b, c)
(a, b), *rest = [(1, 2), 3, 4]
print(a, b, rest)
first, (second, *others) = 0, [1, 2, 3]
print(first, second, others)
for x, *y in [(1, 2, 3), (4,)]:
    print(x, y)
[p, q] = 5, 6
print(p, q)
*z, = {"k": 1, "j": 2}
print(z)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
