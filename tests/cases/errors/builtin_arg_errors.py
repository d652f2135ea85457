# Wrong argument counts and types for built-in functions, with CPython wording.
calls = [
    lambda: len(),
    lambda: len([], []),
    lambda: abs(),
    lambda: isinstance(1),
    lambda: int("1", 2, 3),
    lambda: divmod(1),
    lambda: "abc".split(1),
    lambda: [].append(),
    lambda: {}.get(),
    lambda: "x".join(1),
    lambda: sorted(1),
    lambda: chr("a"),
    lambda: range("3"),
    lambda: list(1),
    lambda: "a".startswith(1),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print(e)
