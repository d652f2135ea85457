# getattr/setattr/hasattr/delattr on user instances and classes.
class Obj:
    kind = "obj"
o = Obj()
setattr(o, "a", 1)
setattr(o, "b", [2])
print(o.a, getattr(o, "b"), getattr(o, "kind"))
print(hasattr(o, "a"), hasattr(o, "z"))
delattr(o, "a")
print(hasattr(o, "a"))
try:
    getattr(o, "a")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(o, "zz")
except AttributeError as e:
    print("AttributeError:", e)
setattr(Obj, "kind", "changed")
print(o.kind)
print(getattr(o, "b"), hasattr(o, "a"))
