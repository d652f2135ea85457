# Exception .args and str() for built-ins constructed directly.
e = KeyError("a", "b")
print(e.args, str(e))
print(str(KeyError()), str(KeyError(1)), str(KeyError("x")))
print(str(IndexError("list index out of range")))
print(OSError(2, "No such file").args)
print(str(StopIteration(5)), StopIteration(5).value, StopIteration().value)
print(repr(SystemExit(3)), SystemExit(3).code, SystemExit().code)
print(repr(BaseException("b")), repr(RuntimeError()))
try:
    raise ValueError("one", 2, [3])
except ValueError as err:
    print(err.args, len(err.args), err)
