# List slicing with steps.
xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(xs[2:5], xs[:3], xs[7:], xs[::3])
print(xs[::-1], xs[-2:], xs[8:2:-2], xs[100:])
ys = xs[:]
ys[0] = 99
print(xs[0], ys[0])
print(xs[1:9:2][::-1])
