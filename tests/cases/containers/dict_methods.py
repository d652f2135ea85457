# dict setdefault/update/pop/popitem/get/fromkeys/copy/clear and views.
d = {"a": 1}
print(d.setdefault("a", 9), d.setdefault("b", 2), d.setdefault("c"), d)
d.update({"a": 10, "d": 4})
d.update(e=5)
d.update([("f", 6)])
print(d)
print(d.pop("c"), d.pop("zz", "dflt"), d.popitem(), d)
print(d.get("a"), d.get("zz"), d.get("zz", 0), "a" in d, "zz" not in d)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
c = d.copy()
c["new"] = 1
print(len(d), len(c))
c.clear()
print(c, dict(a=1, b=2), dict([("x", 1)]), dict({"y": 2}, z=3))
try:
    d.pop("missing")
except KeyError as e:
    print("KeyError:", e)
print(list(d), list(reversed(d)), d == {"b": 2, "a": 10, "d": 4}, d | {"q": 0})
