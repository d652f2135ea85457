# keys/values/items views are live, iterable, comparable, and support set operations on keys.
d = {"x": 1, "y": 2}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
d["z"] = 3
print(list(k), list(v), list(it), len(k))
print("x" in k, 2 in v, ("y", 2) in it, ("y", 3) in it)
print(sorted(k & {"x", "q"}), sorted(k | {"w"}), sorted(k - {"x"}), sorted(k ^ {"x", "n"}))
print(k == {"x", "y", "z"}, d.keys() == {"z": 0, "y": 0, "x": 0}.keys())
for key, val in d.items():
    print(key, val)
print(list(zip(d.keys(), d.values())), sum(d.values()), max(d, key=d.get))
del d["x"]
print(list(k), list(it))
