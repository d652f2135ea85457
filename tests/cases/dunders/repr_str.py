# __repr__ vs __str__ in print, str(), repr(), containers, f-strings and %-formatting.
class A:
    def __repr__(self): return "A-repr"
    def __str__(self): return "A-str"
class B:
    def __repr__(self): return "B-repr"
a, b = A(), B()
print(a, b)
print(str(a), repr(a), str(b))
print([a, b], (a,), {"k": a})
print(f"{a} {a!r} {b} {a!s}")
print("%s %r" % (a, a))
print("{} {!r}".format(a, a))
print(str([a]))
