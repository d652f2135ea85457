# Generator expressions are lazy, single-use, and nest.
g = (x * x for x in range(5))
print(next(g), next(g))
print(list(g), list(g))
nested = ((i, j) for i in range(3) for j in range(i) if (i + j) % 2)
print(list(nested))
print(sum(x for x in range(101) if x % 3 == 0))
print(any(x > 3 for x in [1, 5]), all(x > 3 for x in [1, 5]))
print(sorted((c for c in "hello"), reverse=True))
print(dict((k, len(k)) for k in ["a", "bb"]))
print(set(x % 3 for x in range(10)) == {0, 1, 2})
print(tuple(w.upper() for w in "a b c".split()))
def lazy():
    print("side effect")
    return [1, 2]
ge = (x for x in lazy())
print("before iteration")
print(list(ge))
