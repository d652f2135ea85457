# None: printing, comparison, truthiness, default returns.
n = None
print(n, repr(n), str(n), type(n))
print(n == None, n is None, bool(n), not n)
def f():
    return
print(f(), f() is None)
d = {"a": None}
print(d, d.get("a"), d.get("b"), "a" in d)
