# del on names, list items, slices, dict keys and attributes.
x = 10
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
L = list(range(10))
del L[0]
print(L)
del L[-1]
print(L)
del L[2:4]
print(L)
del L[::2]
print(L)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
class O: pass
o = O()
o.attr = 1
o.other = 2
del o.attr
print(hasattr(o, "attr"), o.other)
a, b = 1, 2
del a, b
m = [[1, 2], [3, 4]]
del m[1][0]
print(m)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError:", e)
try:
    del L[100]
except IndexError as e:
    print("IndexError:", e)
