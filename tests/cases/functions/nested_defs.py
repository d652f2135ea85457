# Nested function definitions, returning functions, and functions as values in containers.
def make_ops():
    def add(a, b): return a + b
    def sub(a, b): return a - b
    def mul(a, b): return a * b
    return {"+": add, "-": sub, "*": mul}

ops = make_ops()
for sym in ops:
    print(sym, ops[sym](7, 3))

def apply(fn, *args, **kw):
    return fn(*args, **kw)
print(apply(max, 3, 9, 2))
print(apply(sorted, [3, 1, 2], reverse=True))

def curry(f):
    return lambda a: lambda b: f(a, b)
print(curry(ops["-"])(10)(4))
