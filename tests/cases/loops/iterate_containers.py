# for over strings, lists, tuples and dicts.
for ch in "héy":
    print(ch)
for x in [1, [2, 3], "four"]:
    print(x)
for t in (1.5, None, True):
    print(t)
for k in {"a": 1, "b": 2}:
    print(k)
