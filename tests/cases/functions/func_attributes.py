# Function __name__ for defs, nested defs, lambdas and decorated functions; callable().
def f(a, b):
    return a + b

def g():
    pass

print(f.__name__, g.__name__, (lambda: 0).__name__)
print(callable(f), callable(3), callable(g), callable(None))
def outer():
    def inner():
        pass
    return inner
print(outer().__name__)
print(g() is None)
def deco(fn):
    def wrapper():
        return fn()
    return wrapper
@deco
def decorated():
    return 1
print(decorated.__name__, decorated())
