# __repr__ calling repr() of a child, hundreds of levels deep: Python called from Rust nests.
# mpc: heap=8m
class N:
    def __init__(self, child):
        self.child = child
    def __repr__(self):
        return "N(" + repr(self.child) + ")"
def build(n):
    x = None
    for i in range(n):
        x = N(x)
    return x
for n in (10, 40, 45, 60, 300):
    try:
        s = repr(build(n))
        print(n, len(s))
    except RecursionError as e:
        print(n, "RecursionError")
