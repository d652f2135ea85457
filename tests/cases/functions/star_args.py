# *args collects extra positionals into a tuple; unpacking iterables into calls.
def f(*args):
    return args

def g(a, *rest):
    return a, rest

print(f())
print(f(1))
print(f(1, 2, 3))
print(type(f(1)).__name__)
print(g(1))
print(g(1, 2, 3))
print(f(*range(4)))
print(f(*"ab", *[1, 2], 9))
print(g(*(5, 6, 7)))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1, 2, 3, 4))
