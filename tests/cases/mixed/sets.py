# set and frozenset: operators, methods, comparisons, errors.
s = {1, 2, 3}
t = set([3, 4])
print(s | t, s & t, s - t, s ^ t, 2 in s, 9 in s, len(s))
s.add(5); s.discard(1); s.remove(2)
print(s, sorted(s | {0}), s == {3, 5}, {1} < {1, 2}, {1, 2} <= {1, 2}, {1, 2} > {1}, {1, 3} < {1, 2})
u = frozenset([1, 2])
print(u, frozenset(), set(), {u: "x"}[frozenset({2, 1})], hash(u) == hash(frozenset([2, 1])))
print({x % 3 for x in range(10)}, set("aab") == {"a", "b"}, s.union([7]), s.intersection({3}), s.issubset({3, 5, 6}))
a = {1}
a |= {2}
print(a, bool(set()), bool({0}))
try:
    {[1]}
except TypeError as e:
    print(e)
try:
    set().pop()
except KeyError as e:
    print(repr(e))
try:
    {1}.remove(9)
except KeyError as e:
    print(repr(e))
