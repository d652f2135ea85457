# Item assignment, del, and augmented assignment of lists.
xs = [1, 2, 3, 4, 5]
xs[1] = 20
xs[-1] += 100
del xs[0]
print(xs)
ys = xs
ys += [7]
print(xs, ys is xs)
zs = xs + [8]
print(zs, zs is xs)
xs *= 2
print(xs, len(xs))
