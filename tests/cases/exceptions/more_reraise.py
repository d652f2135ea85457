# Bare raise re-raises the current exception, also from nested helper code.
def g():
    try:
        raise ValueError("orig")
    except ValueError:
        print("logging")
        raise
try:
    g()
except ValueError as e:
    print("outer got", e)
try:
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise IndexError("second")
        except IndexError:
            pass
        raise
except LookupError as e:
    print("re-raised", type(e).__name__, e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
