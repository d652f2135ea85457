# Exception hierarchy: catching via base classes.
def kind(exc):
    try:
        raise exc
    except (KeyError, IndexError):
        return "lookup"
    except Exception:
        return "exception"

print(kind(KeyError("k")), kind(IndexError("i")), kind(ValueError("v")))
print(isinstance(KeyError(), Exception), isinstance(ValueError(), BaseException))
print(isinstance(ZeroDivisionError(), Exception))
