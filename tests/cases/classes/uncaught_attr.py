# Reading a missing instance attribute ends in an uncaught AttributeError.
class P:
    def __init__(self):
        self.x = 1
p = P()
print(p.x)
print(p.y)
