# NameError and UnboundLocalError messages.
def f():
    print(x)
    x = 1
def g():
    return undefined_global
def h():
    y = 1
    del y
    return y
for fn in [f, g, h]:
    try:
        fn()
    except NameError as e:
        print(type(e).__name__, e)
print(issubclass(UnboundLocalError, NameError))
