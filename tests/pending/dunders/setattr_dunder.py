# __setattr__ intercepts assignments; object.__setattr__ stores the value.
class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value * 2)
l = Logged()
l.a = 1
l.b = "x"
print(l.a, l.b)
class Frozen:
    def __init__(self):
        object.__setattr__(self, "v", 1)
    def __setattr__(self, n, v):
        raise AttributeError("frozen: " + n)
f = Frozen()
try:
    f.v = 2
except AttributeError as e:
    print(e, f.v)
