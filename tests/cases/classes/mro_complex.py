# A larger hierarchy whose C3 linearization is printed through cooperative __init__.
order = []
class O:
    def __init__(self):
        order.append("O")
class A(O):
    def __init__(self):
        order.append("A"); super().__init__()
class B(O):
    def __init__(self):
        order.append("B"); super().__init__()
class C(O):
    def __init__(self):
        order.append("C"); super().__init__()
class D(A, B):
    def __init__(self):
        order.append("D"); super().__init__()
class E(B, C):
    def __init__(self):
        order.append("E"); super().__init__()
class F(D, E):
    def __init__(self):
        order.append("F"); super().__init__()
F()
print(order)
print([k.__name__ for k in F.__mro__])
