# Dict and set views as sets, dict | and |=, reversed dicts, and size changes while iterating.
d = {"a": 1, "b": 2, "c": 3}
e = {"b": 20, "d": 4}
print(sorted(d.keys() & e.keys()), sorted(d.keys() - e), sorted(d.keys() ^ e.keys()), sorted(d.keys() | ["z"]))
print(sorted(d.items() & {("a", 1), ("b", 3)}), sorted({"a", "q"} & d.keys()), d.keys() == {"c", "b", "a"})
print(d.items() == {("a", 1), ("b", 2), ("c", 3)}, d.keys() != e.keys(), d.values() == d.values())
print(d | e, e | d, list(reversed(d)), list(reversed(d.keys())), list(reversed(d.items())))
f = d
f |= e
f |= [("x", 9)]
print(d is f, d)
print(dict.fromkeys(range(3)), dict.fromkeys("aba", []), dict.fromkeys([]))
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as err:
    print("RuntimeError:", err)
try:
    for k in d:
        d[k + "!"] = 0
except RuntimeError as err:
    print("RuntimeError:", err)
for k in d:
    d[k] = 0
print(sum(d.values()))
for bad in [lambda: d | [1], lambda: d.keys() | 5, lambda: dict.fromkeys(5)]:
    try:
        bad()
    except TypeError as err:
        print("TypeError:", err)
