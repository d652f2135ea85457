# Without __eq__, equality is identity; != is derived from __eq__.
class P: pass
a, b = P(), P()
print(a == a, a == b, a != b, a is a, a is not b)
class Q:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
print(Q(1) == Q(1), Q(1) != Q(1), Q(1) != Q(2))
print(Q(1) in [Q(0), Q(1)], [Q(2)].index(Q(2)) if Q(2) in [Q(2)] else -1)
print([Q(3), Q(3), Q(4)].count(Q(3)))
