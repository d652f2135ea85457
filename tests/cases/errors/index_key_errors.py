# IndexError/KeyError/TypeError for subscripts on various containers.
one = [1]
s = "s"
five = 5
nothing = None
st = {1}
tries = [
    lambda: [1][5],
    lambda: [1][-2],
    lambda: (1,)[1],
    lambda: "s"[3],
    lambda: range(2)[2],
    lambda: {"a": 1}["b"],
    lambda: {1: 1}[2],
    lambda: {(1, 2): 0}[(2, 1)],
    lambda: one["x"],
    lambda: s[1.0],
    lambda: five[0],
    lambda: nothing[0],
    lambda: st[0],
]
for t in tries:
    try:
        t()
    except (IndexError, KeyError, TypeError) as e:
        print(type(e).__name__, e)
