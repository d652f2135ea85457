# Passing generator expressions as the sole argument and keyword-argument ordering rules.
def f(it, scale=1):
    return [x * scale for x in it]
print(f(x for x in range(3)))
print(f((x for x in range(3)), scale=10))
print(sum(x * x for x in range(10)))
print(max((len(w), w) for w in ["aa", "b", "cccc"]))
print("".join(c.upper() for c in "abc"))
