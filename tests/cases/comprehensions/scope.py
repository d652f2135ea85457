# Comprehension variables do not leak; comprehensions see enclosing function variables.
x = "outer"
print([x for x in range(3)], x)
def f(n):
    k = 10
    return [k + i for i in range(n)]
print(f(3))
def g():
    base = [1, 2]
    return {i: [b * i for b in base] for i in range(3)}
print(g())
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(C.doubled)
fns = [lambda: i for i in range(3)]
print([fn() for fn in fns])
