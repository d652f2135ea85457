# set/frozenset operators and methods, printed sorted for determinism.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(a <= {1, 2, 3, 4, 5}, a < a, a >= {1}, a.isdisjoint({9}), a.issubset(range(10)), a.issuperset([1, 2]))
s = set()
s.add(3); s.add(3); s.update([1, 2], (7,))
s.discard(99); s.remove(7)
print(sorted(s), len(s), 2 in s)
print(sorted(s.union([9])), sorted(s.intersection({1, 3})), sorted(s.difference({1})), sorted(s.symmetric_difference({1, 10})))
c = s.copy(); c.clear()
print(c, len(s), set(), frozenset())
f = frozenset([1, 2, 2])
print(sorted(f), f == {1, 2}, sorted(f | {3}), type(f | {3}).__name__, type({3} | f).__name__)
print({frozenset([1]): "ok"}[frozenset({1})])
s2 = {1, 2, 3}
s2 -= {1}; s2 |= {8}; s2 &= {2, 8, 9}; s2 ^= {2, 4}
print(sorted(s2))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
print(set("aab") == {"a", "b"}, len({1, 1.0, True}), {1, 2} == frozenset({1, 2}))
