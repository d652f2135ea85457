# range objects: len, indexing, slicing, containment, reversal, equality and repr.
r = range(2, 20, 3)
print(r, len(r), r[0], r[-1], r[1:3], list(r[::-1]), 11 in r, 12 in r)
print(range(5), range(0, 5) == range(5), range(0) == range(2, 2), list(range(-5, -15, -4)))
print(r.index(8), r.count(5), range(10)[-3], list(range(3, 0)), sum(range(-3, 4)))
print(range(10 ** 20)[10 ** 19], range(0, 10 ** 20, 7)[-1], 10 ** 19 in range(10 ** 20))
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
