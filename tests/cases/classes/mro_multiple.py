# Multiple inheritance attribute lookup picks the first class in MRO defining a name.
class A:
    x = "A"
    def m(self): return "A.m"
class B:
    x = "B"
    y = "B"
    def m(self): return "B.m"
    def n(self): return "B.n"
class C(A, B):
    pass
class D(B, A):
    y = "D"
c, d = C(), D()
print(c.x, c.y, c.m(), c.n())
print(d.x, d.y, d.m(), d.n())
print([k.__name__ for k in C.__mro__])
print([k.__name__ for k in D.__mro__])
print(isinstance(c, B), issubclass(D, A))
