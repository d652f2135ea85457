# throw() raises inside the generator at the paused yield; it can be handled or propagate.
def g():
    while True:
        try:
            yield "normal"
        except ValueError as e:
            print("handled", e)
            yield "recovered"
it = g()
print(next(it))
print(it.throw(ValueError("bad")))
print(next(it))
try:
    it.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
print(next(it, "exhausted"))
def h():
    yield 1
x = h()
try:
    x.throw(RuntimeError("before start"))
except RuntimeError as e:
    print("not started:", e)
