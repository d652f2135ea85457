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
print(catch(lambda: "\u00e9".encode("ascii")))
print(catch(lambda: b"\xff".decode("utf-8")))
print(catch(lambda: print))
print([c.__name__ for c in KeyError.__mro__])
print([c.__name__ for c in ZeroDivisionError.__mro__])
print([c.__name__ for c in UnicodeDecodeError.__mro__])
