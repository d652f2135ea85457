# min/max with key and default, sum with start, len, abs, and sorted stability.
data = [("a", 3), ("b", 1), ("c", 3)]
print(max(data, key=lambda x: x[1]), min(data, key=lambda x: x[1]), max([], default="none"))
print(max(3, 1, 2), min("b", "a", "c"), max("apple", "fig", key=len), min([4, 2, 8], default=0))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([[1], [2]], []), sum([0.1] * 10), sum(range(101)))
print(sum((1.5, 2)), abs(-3), abs(-2.5), len(range(0, 100, 7)), len({}), len("héllo"))
try:
    max()
except TypeError as e:
    print("TypeError:", e)
