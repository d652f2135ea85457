# Keyword-only parameters after * or *args, with and without defaults.
def f(a, *, b, c=10):
    return a + b + c

def g(*args, sep="-"):
    return sep.join([str(x) for x in args])

print(f(1, b=2))
print(f(1, b=2, c=3))
print(f(a=1, c=0, b=5))
print(g(1, 2, 3))
print(g(1, 2, 3, sep="+"))
print(g())
try:
    f(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
