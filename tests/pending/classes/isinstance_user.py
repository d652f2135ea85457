# isinstance/issubclass on user classes, including object and built-in bases.
class A: pass
class B(A): pass
class MyList(list): pass
b = B()
print(isinstance(b, A), isinstance(b, B), isinstance(A(), B))
print(issubclass(B, object), isinstance(b, object))
ml = MyList([3, 1, 2])
ml.append(0)
print(isinstance(ml, list), len(ml), sorted(ml))
print(type(ml).__name__, type(ml) is list)
