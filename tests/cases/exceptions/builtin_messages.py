# Messages of common built-in exceptions match CPython exactly.
nothing = None
cases = [
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: 1.0 / 0,
    lambda: [][1],
    lambda: (1, 2)[5],
    lambda: "abc"[10],
    lambda: {}["k"],
    lambda: {"a": 1}[("t", 1)],
    lambda: int("12x"),
    lambda: int("z", 16),
    lambda: float("abc"),
    lambda: [1].index(9),
    lambda: [].pop(),
    lambda: {}.popitem(),
    lambda: set().pop(),
    lambda: "a".index("b"),
    lambda: undefined_name,
    lambda: (1).foo,
    lambda: "x" + 1,
    lambda: 1 + "x",
    lambda: [1] * "a",
    lambda: nothing(),
    lambda: len(5),
    lambda: iter(5),
    lambda: next(iter([])),
    lambda: chr(-1),
    lambda: [1, 2].remove(3),
    lambda: (1, 2, 3)[1:2:0],
    lambda: divmod(1, 0),
]
for c in cases:
    try:
        c()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
