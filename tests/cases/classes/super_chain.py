# super() in __init__ and regular methods along a single-inheritance chain.
class A:
    def __init__(self, x):
        self.x = x
        print("A.__init__", x)
    def who(self):
        return ["A"]

class B(A):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
        print("B.__init__", y)
    def who(self):
        return ["B"] + super().who()

class C(B):
    def __init__(self):
        super().__init__(1, 2)
        print("C.__init__")
    def who(self):
        return ["C"] + super().who()

c = C()
print(c.x, c.y, c.who())
