# Decorator factories taking arguments, and decorators that register functions.
def repeat(n):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(n)]
        return wrapper
    return deco

@repeat(3)
def hello(x):
    return "hi " + x

print(hello("z"))

registry = {}
def register(name):
    def deco(fn):
        registry[name] = fn
        return fn
    return deco

@register("double")
def d(x):
    return 2 * x

@register("neg")
def n(x):
    return -x

for k in registry:
    print(k, registry[k](21))

def prefix(p="> "):
    def deco(fn):
        return lambda *a: p + fn(*a)
    return deco

@prefix()
def a():
    return "a"
@prefix(p="# ")
def b():
    return "b"
print(a(), b())
