# More built-in error messages: unpacking, hashing, conversions and ranges.
cases = [
    lambda: [a for a, b in [(1, 2, 3)]],
    lambda: [a for a, b, c in [(1, 2)]],
    lambda: {[1]: 2},
    lambda: {{}},
    lambda: int(None),
    lambda: int([1]),
    lambda: float("1e5x"),
    lambda: "a" * 2.5,
    lambda: sum(["a", "b"]),
    lambda: max([]),
    lambda: min(()),
    lambda: range(1, 2, 0),
    lambda: "abc".split(""),
    lambda: ord("ab"),
    lambda: 2 ** -1 % 0,
    lambda: pow(2, 3, 0),
    lambda: "{}{}".format(1),
    lambda: "%d" % "x",
    lambda: "%s %s" % (1,),
    lambda: [1, 2, 3][None:"x"],
    lambda: -1 < "a",
    lambda: [] < (),
    lambda: abs("s"),
    lambda: -"s",
    lambda: ~1.5,
    lambda: 1 << -1,
]
for c in cases:
    try:
        c()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
