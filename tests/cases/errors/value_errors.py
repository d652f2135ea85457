# ValueError messages for conversions and container methods.
tries = [
    lambda: int("abc"),
    lambda: int("1e3"),
    lambda: float(""),
    lambda: [1, 2].index(5),
    lambda: (1, 2).index(5),
    lambda: "abc".index("z"),
    lambda: list(range(3)).remove(9),
    lambda: "a b".split(" ", -2) and int(" "),
    lambda: int("12", 37),
    lambda: "x".center(5, "ab"),
    lambda: chr(1114112),
    lambda: [].pop(3),
]
for t in tries:
    try:
        t()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
