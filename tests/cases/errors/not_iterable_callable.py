# "not iterable", "not callable" and "not subscriptable" TypeErrors.
class Plain: pass
five = 5
s = "str"
tries = [
    lambda: [x for x in 5],
    lambda: list(None),
    lambda: iter(Plain()),
    lambda: five(),
    lambda: s(),
    lambda: Plain()(),
    lambda: Plain()[0],
    lambda: len(Plain()),
    lambda: sum(3),
    lambda: max(1),
    lambda: dict(5),
    lambda: next([1]),
    lambda: tuple(1.5),
]
for t in tries:
    try:
        t()
    except TypeError as e:
        print(e)
