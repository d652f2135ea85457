# Swaps and rotations via tuple unpacking.
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
xs = [10, 20, 30]
xs[0], xs[2] = xs[2], xs[0]
print(xs)
d = {"x": 1, "y": 2}
d["x"], d["y"] = d["y"], d["x"]
print(d)
i, xs[i] = 1, "set"
print(i, xs)
