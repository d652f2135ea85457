# A plain decorator wraps a function; stacked decorators apply bottom-up.
def shout(fn):
    def wrapper(*args, **kw):
        return fn(*args, **kw).upper() + "!"
    return wrapper

def bracket(fn):
    def wrapper(*args, **kw):
        return "[" + fn(*args, **kw) + "]"
    return wrapper

@shout
def greet(name):
    return "hello " + name

@bracket
@shout
def greet2(name, punct="?"):
    return "hi " + name + punct

print(greet("bob"))
print(greet2("amy"))
print(greet2("amy", punct="."))

calls = []
def logged(fn):
    def w(*a):
        calls.append(fn.__name__)
        return fn(*a)
    return w

@logged
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4), calls)
