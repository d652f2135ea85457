# Tuples inside lists and dicts; tuples as return values.
def minmax(xs):
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return lo, hi

lo, hi = minmax([3, 1, 4, 1, 5, 9, 2, 6])
print(lo, hi)
points = [(0, 0), (1, 2), (-3, 4)]
print(points, points[2][0])
print(((1, 2), (3, (4, 5))))
