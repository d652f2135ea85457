# Generators as iterators: iter(g) is g, and builtins consume them.
def g(n):
    for i in range(n):
        yield i
it = g(3)
print(iter(it) is it)
print(list(enumerate(g(3))), list(zip(g(3), g(5))))
print(max(g(5)), min(g(5)), sorted(g(4), reverse=True))
print(list(map(str, g(3))), list(filter(None, g(4))))
print(" ".join(str(x) for x in g(4)))
a, *b = g(4)
print(a, b)
print([*g(2), *g(3)])
print(dict(zip(g(3), g(3))))
print(len(list(g(1000))))
print(5 in g(10), 50 in g(10))
