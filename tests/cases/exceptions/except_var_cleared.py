# The `as` variable is deleted after the except block ends.
e = "before"
try:
    raise ValueError("x")
except ValueError as e:
    print("inside", e)
try:
    print(e)
except NameError as err:
    print("NameError:", err)
def f():
    try:
        raise KeyError(1)
    except KeyError as exc:
        saved = exc
    return repr(saved)
print(f())
