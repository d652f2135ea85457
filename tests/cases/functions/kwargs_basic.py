# Keyword arguments bind by name, mix with positionals, and defaults fill the rest.
def f(a, b, c=3, d=4):
    return (a, b, c, d)

print(f(1, 2))
print(f(1, 2, 5))
print(f(1, b=7))
print(f(b=1, a=2))
print(f(1, 2, d=9))
print(f(a=1, b=2, c=3, d=4))
print(f(*[1, 2], d=0))
print(f(**{"a": 5, "b": 6}))
print(f(1, **{"b": 6, "d": 8}))
