# iter() and next() with default, iter on dict/str/range, and the sentinel form of iter().
it = iter([1, 2])
print(next(it), next(it), next(it, "default"), next(it, None))
d = iter({"a": 1, "b": 2})
print(next(d), next(d), next(d, "end"))
r = iter(range(3))
print(list(r), list(r))
s = iter("hi")
print(next(s), list(s))
vals = [5, 4, 0, 3]
pos = iter(vals)
print(list(iter(lambda: next(pos), 0)))
try:
    next(iter(()))
except StopIteration:
    print("StopIteration")
e = enumerate("xy")
print(next(e), iter(e) is e)
