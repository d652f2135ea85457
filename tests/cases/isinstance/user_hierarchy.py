# isinstance/issubclass across a user class hierarchy with tuples and multiple inheritance.
class Shape: pass
class Round: pass
class Circle(Shape, Round): pass
class Square(Shape): pass
class Dot(Circle): pass
objs = [Shape(), Circle(), Square(), Dot()]
for o in objs:
    print(type(o).__name__, isinstance(o, Round), isinstance(o, (Square, Round)), isinstance(o, Shape))
print(issubclass(Dot, (Square, Round)), issubclass(Square, (Round, Circle)))
print(issubclass(Dot, Dot), issubclass(Dot, object))
print(type(Dot()) is Circle, type(Dot()) == Dot)
