# Reflected dunders (__radd__ etc.) are used when the left operand returns NotImplemented.
class M:
    def __init__(self, v): self.v = v
    def __repr__(self): return "M(" + str(self.v) + ")"
    def __add__(self, o):
        if isinstance(o, M): return M(self.v + o.v)
        if isinstance(o, int): return M(self.v + o)
        return NotImplemented
    def __radd__(self, o):
        print("radd with", o)
        return M(o + self.v)
    def __rsub__(self, o): return M(o - self.v)
    def __rmul__(self, o): return M(o * self.v)
    def __rtruediv__(self, o): return o / self.v
    def __rfloordiv__(self, o): return o // self.v
    def __rmod__(self, o): return o % self.v
    def __rpow__(self, o): return o ** self.v
    def __rand__(self, o): return o & self.v
    def __ror__(self, o): return o | self.v
    def __rxor__(self, o): return o ^ self.v
    def __rlshift__(self, o): return o << self.v
    def __rrshift__(self, o): return o >> self.v
m = M(3)
print(m + 1, 1 + m, m + M(4))
print(10 - m, 2 * m, 9 / m, 10 // m, 10 % m, 2 ** m)
print(6 & m, 4 | m, 5 ^ m, 1 << m, 64 >> m)
print(sum([M(1), M(2), M(3)]))
try:
    m + "s"
except TypeError as e:
    print("TypeError:", e)
