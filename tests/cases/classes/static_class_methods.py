# @staticmethod and @classmethod, including classmethods as alternate constructors in subclasses.
class Point:
    dims = 2
    def __init__(self, x, y):
        self.x, self.y = x, y
    @staticmethod
    def origin_distance(x, y):
        return (x * x + y * y) ** 0.5
    @classmethod
    def from_tuple(cls, t):
        return cls(*t)
    @classmethod
    def describe(cls):
        return cls.__name__ + " in " + str(cls.dims) + "D"

class Point3(Point):
    dims = 3

p = Point.from_tuple((3, 4))
print(p.x, p.y, type(p).__name__)
q = Point3.from_tuple((1, 2))
print(type(q).__name__)
print(Point.origin_distance(3, 4), p.origin_distance(6, 8))
print(Point.describe(), Point3.describe(), q.describe())
