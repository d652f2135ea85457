# Nested with statements: exit order, exceptions passing through, and suppression by an inner manager.
class CM:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, t, v, tb):
        print("exit", self.name, t is not None)
        return self.swallow
try:
    with CM("outer"):
        with CM("inner"):
            raise ValueError("boom")
except ValueError:
    print("caught outside")
with CM("outer"):
    with CM("inner", swallow=True):
        raise ValueError("boom")
    print("continues in outer")
with CM("a") as a, CM("b", True) as b:
    print(a.name, b.name)
    raise KeyError
print("done")
