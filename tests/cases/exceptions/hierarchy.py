# Catching built-in exceptions through their base classes.
def catch(fn):
    try:
        fn()
    except LookupError as e:
        return "LookupError <- " + type(e).__name__
    except ArithmeticError as e:
        return "ArithmeticError <- " + type(e).__name__
    except ValueError as e:
        return "ValueError <- " + type(e).__name__
    except Exception as e:
        return "Exception <- " + type(e).__name__
    return "none"
print(catch(lambda: [][0]))
print(catch(lambda: {}[0]))
print(catch(lambda: 1 / 0))
print(catch(lambda: int("q")))
print(catch(lambda: None.x))
print(catch(lambda: 10.0 ** 400))
print(catch(lambda: int("\u00e9")))
print(catch(lambda: [].pop()))
print(catch(lambda: print))
bases = [LookupError, ArithmeticError, ValueError, RuntimeError, Exception, BaseException]
for cls in [KeyError, ZeroDivisionError, IndexError, NotImplementedError, OverflowError]:
    print(cls.__name__, [b.__name__ for b in bases if issubclass(cls, b)])
