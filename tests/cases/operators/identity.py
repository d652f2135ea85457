# is and is not, mostly with None.
x = None
print(x is None, x is not None, 0 is None, [] is not None)
a = [1]
b = a
c = [1]
print(a is b, a is c, a == c, a is not c)
def maybe(flag):
    if flag:
        return "value"
print(maybe(True) is None, maybe(False) is None)
print(True is True, None is None)
