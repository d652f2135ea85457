# hash() of ints/tuples/frozensets is consistent; callable() on assorted objects; id() equality only.
print(hash(0), hash(1), hash(12345), hash(10 ** 30) == hash(10 ** 30), hash(1.5) == hash(1.5))
print(hash((1, 2)) == hash((1, 2)), hash(frozenset([1, 2])) == hash(frozenset([2, 1])), hash(None) == hash(None))
print(hash(True) == 1, hash(2.0) == 2, hash(-0.0) == 0)
class K:
    pass
for obj in [1, "s", len, print, int, lambda: 0, [], None, K, K()]:
    print(type(obj).__name__, callable(obj))
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]), type(id(a)).__name__)
try:
    hash([1])
except TypeError as e:
    print("TypeError:", e)
