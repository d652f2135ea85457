# __getitem__/__setitem__/__delitem__ with int keys, str keys and slices.
class Grid:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        if isinstance(k, slice):
            return ("slice", k.start, k.stop, k.step)
        return self.d.get(k, 0)
    def __setitem__(self, k, v):
        self.d[k] = v
    def __delitem__(self, k):
        del self.d[k]
g = Grid()
g[1, 2] = 5
g["a"] = 1
print(g[1, 2], g[0, 0], g["a"])
print(g[1:5], g[::2], g[:3:-1])
del g["a"]
print(g.d)
g[0, 0] += 7
print(g[0, 0])
try:
    del g["zz"]
except KeyError as e:
    print("KeyError", e)
