# Numbers' methods: as_integer_ratio, conjugate, and the operator methods.
for x in [0.5, -0.75, 3.0, 0.1, 1e300, -2.5e-300, 0.0, -0.0]:
    print(x, x.as_integer_ratio())
print((7).as_integer_ratio(), (-3).as_integer_ratio(), True.as_integer_ratio())
print((5).conjugate(), True.conjugate(), (2.5).conjugate(), (2 ** 70).conjugate())
print((10).__add__(5), (10).__sub__(3), (10).__rsub__(3), (7).__floordiv__(2), (2).__pow__(10))
print((10).__add__(1.5), (10).__mul__("x"), (1.5).__add__(1), (1.5).__radd__(2), (3.0).__truediv__(2))
print((6).__and__(3), (6).__or__(3), (1).__lshift__(40), (2 ** 80).__mod__(7), True.__add__(True))
for f in [lambda: float("inf").as_integer_ratio(), lambda: float("nan").as_integer_ratio(),
          lambda: (1).__truediv__(0), lambda: (1.0).__mod__(0.0), lambda: (1).as_integer_ratio(2)]:
    try:
        print(f())
    except (OverflowError, ValueError, ZeroDivisionError, TypeError) as e:
        print(type(e).__name__ + ":", e)
