# __len__ and __bool__ drive len(), truthiness, if/while, and not.
class Box:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
class Flag:
    def __init__(self, v): self.v = v
    def __bool__(self):
        print("bool called")
        return self.v
print(len(Box(3)), bool(Box(0)), bool(Box(2)))
if Box(0):
    print("nonempty")
else:
    print("empty")
print(not Flag(False))
print(Flag(True) and "yes")
b = Box(3)
while b:
    b.n -= 1
print(b.n)
class Plain: pass
print(bool(Plain()))
try:
    len(Plain())
except TypeError as e:
    print("TypeError:", e)
