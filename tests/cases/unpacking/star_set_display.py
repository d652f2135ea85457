# Star unpacking in set displays, mixed with plain items.
a, b = [3, 1, 2], (2, 5)
s = {*a, *b}
print(sorted(s), sorted({0, *a}), sorted({*a, 9, *"xy", 0} - {"x", "y"}), {*()} == set(), {*[], 1})
print(sorted({*range(4), *{7: "k"}, *{8}}), len({*"aaa", "a"}), type({*a}).__name__)
def gen():
    yield from (1, 1, 4)
print(sorted({*gen(), *map(abs, [-4, -6])}))
try:
    {*5}
except TypeError as e:
    print("TypeError:", e)
try:
    {*[[1]]}
except TypeError as e:
    print("TypeError:", e)
