# Wrong argument counts for functions, methods, lambdas and constructors, with CPython wording.
def none(): pass
def one(a): pass
def two(a, b=1): pass
class C:
    def __init__(self, x): pass
    def m(self, y): pass
    @staticmethod
    def s(): pass
calls = [
    lambda: none(1, 2),
    lambda: one(),
    lambda: one(1, 2),
    lambda: two(),
    lambda: two(1, 2, 3),
    lambda: C(),
    lambda: C(1, 2),
    lambda: C(1).m(),
    lambda: C(1).m(1, 2),
    lambda: C.s(1),
    lambda: (lambda x: x)(),
    lambda: one(b=1),
    lambda: one(1, a=1),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print(e)
