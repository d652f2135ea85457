# Indexing, negative indexes, len, append, pop.
xs = [10, 20, 30]
print(xs, len(xs), xs[0], xs[-1], xs[-3])
xs.append(40)
print(xs, len(xs))
print(xs.pop(), xs)
print(xs.pop(0), xs)
print(xs.pop(-1), xs)
xs[0] = "changed"
print(xs)
print([], len([]))
