# Nested dict/list structures: building, counting, grouping, and deep access.
records = [("fruit", "apple"), ("veg", "kale"), ("fruit", "fig"), ("veg", "leek"), ("nut", "pecan")]
groups = {}
for kind, name in records:
    groups.setdefault(kind, []).append(name)
print(groups)
counts = {k: len(v) for k, v in groups.items()}
print(counts, max(counts, key=counts.get))
tree = {"a": {"b": {"c": 1}}, "list": [{"x": 1}, {"x": 2}]}
print(tree["a"]["b"]["c"], [d["x"] for d in tree["list"]])
tree["a"]["b"]["d"] = [1, 2]
print(tree)
inv = {}
for k, v in {"a": 1, "b": 2, "c": 1}.items():
    inv.setdefault(v, []).append(k)
print(inv)
