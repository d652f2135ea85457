# Star and double-star unpacking inside list, tuple, set and dict displays.
a = [1, 2]
b = (3, 4)
print([*a, *b, 5], (*a, *b), (*a,))
print([*range(3), *"ab", *{"k": 1}])
print(sorted({*a, *b, 1}))
d1 = {"x": 1, "y": 2}
d2 = {"y": 20, "z": 30}
print({**d1, **d2}, {**d2, **d1}, {"w": 0, **d1, "x": 100})
print(*a, *b, sep="-")
print([*[], *()], {**{}})
def f(*args, **kw):
    return args, kw
print(f(*a, 0, *b, **d1, q=9))
