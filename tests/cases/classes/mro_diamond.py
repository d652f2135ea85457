# Diamond inheritance: method resolution follows C3 order, observed via cooperative super().
class Base:
    def hello(self):
        return ["Base"]
class Left(Base):
    def hello(self):
        return ["Left"] + super().hello()
class Right(Base):
    def hello(self):
        return ["Right"] + super().hello()
class Child(Left, Right):
    def hello(self):
        return ["Child"] + super().hello()

print(Child().hello())
print([k.__name__ for k in Child.__mro__])
class Child2(Right, Left):
    pass
print(Child2().hello())
