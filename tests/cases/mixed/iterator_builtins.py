# enumerate, zip, map, filter, sorted, reversed; qualified names in call errors.
for i, c in enumerate("héllo", 1):
    print(i, c, end=" ")
print()
print(list(zip([1, 2, 3], "ab")), list(map(lambda x: x * x, range(4))), list(filter(None, [0, 1, "", "a"])))
print(sorted([3, 1, 2], reverse=True), sorted("bca"), sorted({"b": 1, "a": 2}), list(reversed([1, 2, 3])), list(reversed(range(3))))
print(sorted([("b", 2), ("a", 2), ("c", 1)], key=lambda t: t[1]))
print(list(map(lambda a, b: a + b, [1, 2], [10, 20])))
def outer():
    def inner(a):
        return a
    return inner
try:
    outer()()
except TypeError as e:
    print(e)
print(type(enumerate([])), type(zip()))
