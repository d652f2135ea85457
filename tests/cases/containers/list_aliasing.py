# Aliasing vs copying of nested lists; list() and slicing make shallow copies.
a = [[1, 2], [3]]
b = a
c = a[:]
d = list(a)
a.append([4])
a[0].append(9)
print(a, b, c, d)
print(a is b, c is a, c[0] is a[0])
m = [row[:] for row in a]
m[0][0] = "x"
print(a[0], m[0])
x = [1, 2, 3]
y = x
x += [4]
print(y)
x = x + [5]
print(x, y)
