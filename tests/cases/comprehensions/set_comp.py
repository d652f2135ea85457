# Set comprehensions deduplicate; printed via sorted() for determinism.
s = {x % 5 for x in range(100)}
print(sorted(s), len(s))
print(sorted({w.lower() for w in ["A", "a", "B", "b", "c"]}))
print(sorted({(x, y) for x in range(3) for y in range(3) if x < y}))
print({c for c in "aaaa"})
print(sorted({len(w) for w in "the quick brown fox jumps".split()}))
e = {x for x in []}
print(e, type(e).__name__)
