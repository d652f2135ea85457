# except (A, B) as e, and the args attribute.
def f(x):
    try:
        if x == 0:
            return 1 / x
        if x == 1:
            return [][x]
        return {}["missing"]
    except (ZeroDivisionError, IndexError) as e:
        print("arith or index:", type(e), e, e.args)
    except (KeyError,) as e:
        print("key:", e, repr(e), e.args)

f(0)
f(1)
f(2)
