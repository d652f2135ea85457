# Dict insertion order is preserved across updates, deletes and re-inserts.
d = {}
for ch in "hello world":
    d[ch] = d.get(ch, 0) + 1
print(d)
del d["l"]
d["l"] = 0
print(list(d))
d["h"] = 100
print(list(d)[0], d)
e = {1: "a", 2: "b"}
e[1] = "A"
print(e, {**e, 0: "z"}, dict(sorted(d.items(), key=lambda kv: -kv[1])))
print({1: 1} == {1: 1.0}, {"a": 1, "b": 2} == {"b": 2, "a": 1})
