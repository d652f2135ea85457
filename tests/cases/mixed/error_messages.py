# The messages of the common errors, each caught and printed.
tests = [
    lambda: int("x"), lambda: 1/0, lambda: [][1], lambda: {}["k"], lambda: None + 1, lambda: undefined_name,
    lambda: "a" + 1, lambda: [1] + 1, lambda: 1 + [], lambda: "a" * "b", lambda: [1] < "a", lambda: len(5),
    lambda: abs("x"), lambda: (1,)[5], lambda: "abc"[9], lambda: 1 << -1, lambda: float("x"), lambda: int("12", 40),
    lambda: (lambda a, b: 0)(1), lambda: (lambda a: 0)(1, 2), lambda: (lambda a: 0)(b=1), lambda: (lambda a=1: 0)(1, 2),
    lambda: [].pop(), lambda: [1].index(5), lambda: "x".index("y"), lambda: {}.popitem(), lambda: [].remove(1),
    lambda: (1).foo, lambda: [].foo, lambda: max([]), lambda: chr(-1), lambda: ord("ab"), lambda: hash([]),
    lambda: {[]: 1}, lambda: range(1, 2, 0), lambda: "a".split(""), lambda: 1.0 // 0, lambda: 2 ** -1 if False else 0 ** -1,
    lambda: divmod(1, 0), lambda: 10 % 0, lambda: [1, 2, 3][1:2:0], lambda: int(float("inf")), lambda: int(float("nan")),
    lambda: (1, 2) + [3], lambda: "abc".foo(), lambda: print(sep=1), lambda: iter(5), lambda: next(iter([])),
    lambda: f"{1:x>10s}", lambda: f"{'a':d}", lambda: f"{1.5:d}", lambda: format([], "x"), lambda: (lambda: 5)()(),
    lambda: sum(["a", "b"]), lambda: "".join([1]), lambda: tuple(5), lambda: list(None), lambda: dict([1]),
    lambda: isinstance(1, 2), lambda: x.y, lambda: [1, 2][(lambda: None)()], lambda: {"a": 1}.get(), lambda: sorted,
]
i = -1
for t in tests:
    i += 1
    try:
        r = t()
        print(i, "ok", r)
    except Exception as e:
        print(i, type(e).__name__, e)
