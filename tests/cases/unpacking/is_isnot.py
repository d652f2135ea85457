# is / is not for None, True/False, shared references and copies.
a = [1, 2]
b = a
c = list(a)
print(a is b, a is c, a == c, a is not c)
print(None is None, type(None) is type(None))
x = None
print(x is None, x is not None)
print(True is True, (1 == 1) is True, bool(0) is False)
def f(): pass
print(f() is None)
t = ()
u = t
print(t is u)
print(int is int, type(1) is int)
s = "abc"
u = s
print(s is u)
