# Properties are inherited and can be overridden; computed attributes from other fields.
class Rect:
    def __init__(self, w, h):
        self.w, self.h = w, h
    @property
    def area(self):
        return self.w * self.h
    @property
    def name(self):
        return "rect"

class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
    @property
    def name(self):
        return "square of " + super().name

for s in [Rect(2, 3), Square(4)]:
    print(s.name, s.area)
sq = Square(2)
sq.w = 5
print(sq.area)
