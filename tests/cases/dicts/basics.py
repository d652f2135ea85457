# Insertion order, get with default, in, len, del.
d = {"one": 1, "two": 2}
d["three"] = 3
print(d, len(d))
print(d["two"], d.get("two"), d.get("four"), d.get("four", 4))
print("one" in d, "four" in d, "four" not in d)
del d["one"]
print(d, len(d))
d["one"] = 1
print(d)
d["two"] = 22
print(d)
print({}, len({}))
