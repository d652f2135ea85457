# __getattr__ is called only for missing attributes; it can raise AttributeError for hasattr.
class Proxy:
    def __init__(self, target):
        self.target = target
    def __getattr__(self, name):
        print("getattr", name)
        if name.startswith("x_"):
            raise AttributeError(name)
        return getattr(self.target, name)
p = Proxy([3, 1, 2])
print(p.target)
p.append(0)
print(p.target, p.count(1))
print(hasattr(p, "x_nope"), hasattr(p, "pop"))
class Dyn:
    def __getattr__(self, name):
        return name * 2
d = Dyn()
d.real = 1
print(d.real, d.ab, getattr(d, "zz"))
