# dir(): an instance's and its classes' names (with object's), a class's, a builtin type's.
class Base:
    kind = "base"
    def hello(self):
        return "hi"
class Point(Base):
    dims = 2
    def __init__(self, x, y):
        self.x, self.y = x, y
    def norm(self):
        return abs(self.x) + abs(self.y)
p = Point(1, 2)
print(dir(p))
print([n for n in dir(Point) if not n.startswith("_")], "x" in dir(Point))
print(dir(Base) == sorted(dir(Base)), len(dir(p)) == len(set(dir(p))))
print([n for n in dir("") if not n.startswith("_")][:8], "split" in dir(str))
print("append" in dir([]), "keys" in dir(dict), "bit_length" in dir(5), "pop" in dir(set()))
