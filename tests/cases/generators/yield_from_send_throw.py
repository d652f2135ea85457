# yield from forwards send() and throw() to the delegate generator.
def inner():
    got = []
    try:
        while True:
            x = yield len(got)
            got.append(x)
    except ValueError:
        yield "inner saw ValueError"
    return got
def outer():
    r = yield from inner()
    yield ("result", r)
g = outer()
print(next(g), g.send("a"), g.send("b"))
print(g.throw(ValueError))
print(next(g, "end"))
