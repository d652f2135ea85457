# Default values are evaluated once at definition time, including mutable defaults.
n = 5
def f(x=n):
    return x
n = 6
print(f(), f(1))

def append(item, lst=[]):
    lst.append(item)
    return lst
print(append(1))
print(append(2))
print(append(3, []))
print(append(4))

def safe(item, lst=None):
    if lst is None:
        lst = []
    lst.append(item)
    return lst
print(safe(1), safe(2))

def h(a, b=[1, 2], c={"k": 1}):
    return a, b, c
print(h(0))
print(h(1, [], {}))
