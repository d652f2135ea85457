# Assignment expressions inside comprehensions bind in the enclosing scope.
data = [1, 5, 8, 12, 3]
print([y for x in data if (y := x * 2) > 8])
print(y)
total = 0
print([total := total + v for v in data], total)
def f():
    out = [last := c for c in "abc"]
    return out, last
print(f())
