# Unpacking tuples and lists, swaps, nested unpacking.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = [10, 20, 30]
print(x + y + z)
(p, q), r = (1, 2), 3
print(p, q, r)
pairs = [(1, "a"), (2, "b")]
for n, s in pairs:
    print(n, s)
first, second = "hi"
print(first, second)
