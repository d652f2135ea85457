# Three levels of nesting with nonlocal in the middle.
def outer():
    x = 1
    def middle():
        nonlocal x
        x += 10
        def inner():
            return x * 2
        return inner()
    r = middle()
    return x, r

print(outer())

def param_cell(v):
    def get():
        return v
    v = v + 1
    return get

print(param_cell(41)())
