# del of names, list items and dict entries.
x = 1
del x
try:
    print(x)
except NameError as e:
    print("gone:", e)
xs = [1, 2, 3, 4]
del xs[1]
del xs[-1]
print(xs)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
