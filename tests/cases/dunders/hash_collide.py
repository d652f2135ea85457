# Objects with colliding hashes remain distinct keys when __eq__ says so.
class C:
    def __init__(self, v): self.v = v
    def __hash__(self): return 42
    def __eq__(self, o): return self.v == o.v
d = {}
for i in range(50):
    d[C(i)] = i
print(len(d), d[C(7)], d[C(49)])
del d[C(10)]
print(len(d), C(10) in d, C(11) in d)
print(hash(C(1)) == hash(C(2)), hash(1) == hash(1.0), hash(True) == hash(1))
print({1: "a", 1.0: "b", True: "c"})
