# Binary arithmetic dunders: + - * / // % **, plus unary - + abs and ~.
class V:
    def __init__(self, x): self.x = x
    def __repr__(self): return "V(" + repr(self.x) + ")"
    def __add__(self, o): return V(self.x + o.x)
    def __sub__(self, o): return V(self.x - o.x)
    def __mul__(self, k): return V(self.x * k)
    def __truediv__(self, k): return V(self.x / k)
    def __floordiv__(self, k): return V(self.x // k)
    def __mod__(self, k): return V(self.x % k)
    def __pow__(self, k): return V(self.x ** k)
    def __neg__(self): return V(-self.x)
    def __pos__(self): return V(+self.x)
    def __abs__(self): return V(abs(self.x))
    def __invert__(self): return V(~self.x)
a, b = V(7), V(3)
print(a + b, a - b, a * 2, a / 2, a // 2, a % 4, a ** 2)
print(-a, +a, abs(V(-5)), ~a)
