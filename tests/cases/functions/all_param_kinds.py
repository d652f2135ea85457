# A function using positional-only, normal, *args, keyword-only and **kwargs together.
def f(a, b=2, /, c=3, *args, d, e=5, **kw):
    return a, b, c, args, d, e, kw

print(f(1, d=4))
print(f(1, 2, 3, 4, 5, d=6))
print(f(1, c=7, d=8, z=9))
print(f(1, 2, d=0, e=1, b=99))
print(f(*[10, 20, 30, 40], **{"d": 1, "x": 2}))
