# Comprehensions over strings, dicts, tuples, ranges, enumerate, zip and generators.
d = {"one": 1, "two": 2}
print([k for k in d], [v for v in d.values()], [kv for kv in d.items()])
print([i * c for i, c in enumerate("abc")])
print([a + b for a, b in zip([1, 2], (10, 20))])
print([x for x in range(10, 0, -3)])
print([n for n in [x * x for x in range(5)] if n % 2])
print([(a, b) for (a, b), c in [((1, 2), 3), ((4, 5), 6)]])
print([[*p, 0] for p in [(1,), (2, 3)]])
