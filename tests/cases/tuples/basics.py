# Tuple construction, indexing, len, in, concatenation.
t = (1, "two", 3.0)
print(t, len(t), t[0], t[-1], t[1:])
print((), (1,), (1, 2) + (3,), (0,) * 3)
print(2 in (1, 2), "x" in t)
print(t == (1, "two", 3.0), (1, 2) < (1, 3), (1,) < (1, 0))
u = 4, 5
print(u)
