# Unknown keyword arguments to builtins, in CPython's words.
calls = [
    lambda: sorted([2, 1], foo=1),
    lambda: [].sort(rev=True),
    lambda: int("1", bas=2),
    lambda: print("x", en=""),
    lambda: enumerate("ab", begin=1),
    lambda: "a b".split(sepp=" "),
    lambda: (1).to_bytes(1, order="big"),
    lambda: int.from_bytes(b"\x01", "big", sign=True),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print(e)
