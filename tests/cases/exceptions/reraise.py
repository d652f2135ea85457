# Bare raise re-raises the exception being handled.
def inner():
    try:
        raise ValueError("original")
    except ValueError:
        print("inner handler")
        raise

try:
    inner()
except ValueError as e:
    print("outer caught", e)

try:
    try:
        raise KeyError("x")
    except KeyError as e:
        raise RuntimeError("wrapped")
except RuntimeError as e:
    print(repr(e))
