# Tuples: packing, single-element, index/count, comparisons, hashing as keys, and concatenation.
t = 1, 2, 3
print(t, (1,), (), tuple("ab"), tuple([1]), type(()).__name__)
print(t.index(2), t.count(3), t + (4,), t * 2, t[::-1], len(t), 2 in t)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), (1, "a") == (1, "a"))
d = {(0, 0): "origin", (1, 2): "pt"}
print(d[(1, 2)], d[0, 0])
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], max(nested), sorted([(2, "b"), (1, "z"), (2, "a")]))
t2 = ([1],)
t2[0].append(2)
print(t2)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
print(tuple([x * 2 for x in t]), hash((1, 2)) == hash((1, 2)))
