# A StopIteration raised inside a generator body becomes RuntimeError (PEP 479).
def g():
    yield 1
    raise StopIteration("leak")
it = g()
print(next(it))
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
def h():
    it = iter([])
    yield next(it, "default ok")
print(list(h()))
