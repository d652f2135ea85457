# __hash__ and __eq__ make user objects usable as dict keys and set members.
class Key:
    def __init__(self, a, b): self.a, self.b = a, b
    def __eq__(self, o): return (self.a, self.b) == (o.a, o.b)
    def __hash__(self): return hash((self.a, self.b))
    def __repr__(self): return "Key(" + str(self.a) + "," + str(self.b) + ")"
d = {Key(1, 2): "x"}
d[Key(1, 2)] = "y"
d[Key(2, 1)] = "z"
print(len(d), d[Key(1, 2)], d)
s = {Key(0, 0), Key(0, 0), Key(0, 1)}
print(len(s), Key(0, 1) in s, Key(5, 5) in s)
print(sorted(s, key=lambda k: (k.a, k.b)))
class Unhashable:
    def __eq__(self, o): return True
try:
    {Unhashable(): 1}
except TypeError as e:
    print("TypeError:", e)
print(Unhashable.__hash__)
