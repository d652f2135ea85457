# frozenset as dict keys and set members; set of tuples; membership tests.
pairs = {frozenset({"a", "b"}): 1, frozenset({"c"}): 2}
print(pairs[frozenset({"b", "a"})], frozenset({"c"}) in pairs, frozenset() in pairs)
seen = set()
for t in [(1, 2), (2, 1), (1, 2)]:
    seen.add(t)
print(sorted(seen), len(seen))
fs = frozenset("mississippi")
print(sorted(fs), len(fs), "s" in fs)
try:
    fs.add("x")
except AttributeError as e:
    print("AttributeError:", e)
