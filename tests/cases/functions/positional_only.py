# Positional-only parameters cannot be passed by keyword; the name may then go to **kw.
def f(a, b, /, c):
    return a, b, c

def g(a, /, **kw):
    return a, kw

print(f(1, 2, 3))
print(f(1, 2, c=3))
print(g(1, a=2))
try:
    f(1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
print(divmod(7, 2))
