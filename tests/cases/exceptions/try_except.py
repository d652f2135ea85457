# Catching built-in exceptions by class.
def attempt(kind):
    try:
        if kind == 1:
            raise ValueError("bad value")
        elif kind == 2:
            raise TypeError("bad type")
        elif kind == 3:
            raise KeyError("k")
        print("no error")
    except ValueError as e:
        print("ValueError:", e)
    except TypeError as e:
        print("TypeError:", e)
    except Exception as e:
        print("other:", repr(e))

for k in range(4):
    attempt(k)
