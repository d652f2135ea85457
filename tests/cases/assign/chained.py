# Chained assignment binds every target to the same object.
a = b = c = 5
print(a, b, c)
x = y = []
x.append(1)
print(x, y, x is y)
d = {}
d["k"] = e = "v"
print(d, e)
