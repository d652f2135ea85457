# A generator's return value travels in StopIteration.value.
def g():
    yield 1
    return 99
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print("value", e.value, e.args)
def h():
    return "early"
    yield
try:
    next(h())
except StopIteration as e:
    print(e.value)
def k():
    yield
try:
    n = k()
    next(n); next(n)
except StopIteration as e:
    print(e.value, e.args)
