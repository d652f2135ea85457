# Closures capture variables by cell; nonlocal rebinds the enclosing variable.
def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc

c1 = counter()
c2 = counter()
print(c1(), c1(), c1(10), c2())

def outer():
    x = 1
    def mid():
        def inner():
            nonlocal x
            x *= 2
            return x
        return inner
    f = mid()
    f(); f()
    return x
print(outer())

def make_fns():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [f() for f in fns]
print(make_fns())

def make_fns2():
    return [(lambda i=i: i * 10) for i in range(3)]
print([f() for f in make_fns2()])

def late():
    def get():
        return v
    v = "bound later"
    return get()
print(late())
