# Function __name__, __doc__, and arbitrary attributes on function objects.
def f(a, b):
    "adds things"
    return a + b

def g():
    pass

print(f.__name__, f.__doc__, g.__doc__)
f.tag = "math"
print(f.tag)
print(callable(f), callable(3))
def outer():
    def inner():
        pass
    return inner
print(outer().__name__)
print(g() is None)
