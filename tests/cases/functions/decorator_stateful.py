# A decorator keeps state in a closure (memoization and call counting).
def memo(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return w

@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80))

def counted(fn):
    calls = [0]
    def w(*a):
        calls[0] += 1
        return fn(*a), calls[0]
    return w

@counted
def f(x):
    return x

print(f(1), f(2), f(3))

def make_counter_deco():
    seen = []
    def deco(fn):
        def w(*a):
            seen.append(a)
            return fn(*a)
        return w
    return deco, seen

deco, seen = make_counter_deco()
@deco
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4), seen)
