# TypeError messages for bad calls match CPython's wording.
def f(a, b):
    return a + b
def g(a, *, k):
    return a
def h():
    pass
tests = [
    lambda: f(1),
    lambda: f(1, 2, 3),
    lambda: f(1, 2, c=3),
    lambda: f(1, a=2),
    lambda: g(1),
    lambda: g(1, 2),
    lambda: h(1),
    lambda: f(),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)
