# Assignment to list and dict items, nested subscripts.
m = [[0, 0], [0, 0]]
m[0][1] = 5
m[1][0] = m[0][1] * 2
print(m)
cfg = {"a": {"b": {}}}
cfg["a"]["b"]["c"] = [1]
cfg["a"]["b"]["c"][0] = "one"
print(cfg)
