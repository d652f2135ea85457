# keys, values and items iterate in insertion order.
d = {"b": 2, "a": 1, "c": 3}
for k in d:
    print(k, d[k])
for k in d.keys():
    print("key", k)
for v in d.values():
    print("value", v)
for k, v in d.items():
    print("item", k, v)
print(len(d.keys()), "a" in d.keys())
