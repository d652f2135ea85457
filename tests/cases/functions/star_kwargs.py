# **kwargs collects extra keyword arguments into a dict preserving call order.
def f(**kw):
    return kw

def g(a, b=2, **kw):
    return a, b, kw

print(f())
print(f(x=1, y=2))
print(f(z=1, a=2, m=3))
print(g(1))
print(g(1, c=3))
print(g(a=1, b=5, c=6, d=7))
d = {"p": 1, "q": 2}
print(f(**d))
print(f(**d, r=3))
print(f(r=0, **d))
print(g(0, **{"b": 9, "k": 1}))
kw = f(x=1)
kw["y"] = 2
print(kw, type(kw).__name__)
