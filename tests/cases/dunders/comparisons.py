# Rich comparison dunders, sorting with __lt__, and reflected comparisons.
class Ver:
    def __init__(self, *parts): self.p = parts
    def __repr__(self): return "v" + ".".join(map(str, self.p))
    def __eq__(self, o): return isinstance(o, Ver) and self.p == o.p
    def __lt__(self, o): return self.p < o.p
    def __le__(self, o): return self.p <= o.p
    def __gt__(self, o): return self.p > o.p
    def __ge__(self, o): return self.p >= o.p
a, b = Ver(1, 2), Ver(1, 10)
print(a < b, a <= b, a > b, a >= b, a == b, a != b)
print(a == Ver(1, 2), a != Ver(1, 2), a == "x")
print(sorted([Ver(2), Ver(1, 5), Ver(1), Ver(1, 2, 3)]))
print(max([Ver(0, 9), Ver(1), Ver(0, 10)]), min(Ver(3), Ver(2)))
class OnlyLt:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
print(OnlyLt(5) > OnlyLt(3))
print(sorted([3, 1, 2], key=OnlyLt))
try:
    OnlyLt(1) <= OnlyLt(2)
except TypeError as e:
    print("TypeError:", e)
