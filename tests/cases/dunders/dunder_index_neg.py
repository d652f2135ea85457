# __index__ lets objects act as ints for slicing, bin(), and list indexing; __int__/__float__ conversions.
class Idx:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
class Num:
    def __int__(self): return 7
    def __float__(self): return 2.5
xs = list(range(10))
print(xs[Idx(3)], xs[Idx(1):Idx(4)], bin(Idx(5)), hex(Idx(255)))
print(int(Num()), float(Num()))
print("ab" * Idx(3))
