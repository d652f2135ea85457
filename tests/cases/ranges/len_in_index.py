# len, in and indexing on ranges.
r = range(3, 30, 4)
print(len(r), len(range(0)), len(range(10, 0, -2)))
print(r[0], r[2], r[-1], r[len(r) - 1])
print(7 in r, 8 in r, 31 in r, -1 in range(-5, 0))
print(range(10)[3], range(10, 0, -1)[0])
print(r)
print(range(5), range(1, 5), range(1, 5, 2))
