# Assignment expressions in comprehensions: nonlocal, global, nested, generator, set and dict forms.
def outer():
    n = 0
    def inner():
        nonlocal n
        vals = [n := n + i for i in range(4)]
        return vals
    return inner(), n
print(outer())
def g():
    global G
    r = [G := i * i for i in range(3)]
    return r
print(g(), G)
def nested():
    res = [[(last := (i, j)) for j in range(2)] for i in range(2)]
    return res, last
print(nested())
def gen():
    it = (m := x for x in "ab")
    out = list(it)
    return out, m
print(gen())
s = {k := c for c in "xyz"}
print(sorted(s), k)
d = {(p := i): (q := i * 2) for i in range(3)}
print(d, p, q)
class C:
    vals = [1, 2]
def lam():
    f = lambda: [(z := 5) for _ in range(1)]
    return f()
print(lam())
print(any((hit := v) > 2 for v in [1, 3, 5]), hit)
print({*range(3), *"ab", 9} == {0, 1, 2, "a", "b", 9}, {*[]}, {*(), 1})
