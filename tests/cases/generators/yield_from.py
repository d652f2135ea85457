# yield from delegates to sub-iterators and receives the subgenerator's return value.
def inner():
    yield 1
    yield 2
    return "inner done"
def outer():
    r = yield from inner()
    print("got", r)
    yield from [10, 20]
    yield from "ab"
    yield from range(2)
print(list(outer()))
def flatten(x):
    if isinstance(x, list):
        for y in x:
            yield from flatten(y)
    else:
        yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
