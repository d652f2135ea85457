# Class attributes are shared until shadowed by instance attributes.
class C:
    count = 0
    items = []
    def __init__(self):
        C.count += 1
        self.items.append(C.count)

x = C(); y = C(); z = C()
print(C.count, x.count, z.items)
x.count = 100
print(x.count, y.count, C.count)
del x.count
print(x.count)
C.extra = "added"
print(y.extra)
print(hasattr(C, "count"), hasattr(x, "nothing"))
print(getattr(y, "missing", "default"))
