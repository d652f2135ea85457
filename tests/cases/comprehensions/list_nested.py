# List comprehensions with nested loops, multiple conditions, and nested comprehensions.
print([x * y for x in range(1, 4) for y in range(1, 4) if x != y])
print([(x, y) for x in range(4) if x % 2 for y in "ab"])
print([[r * 3 + c for c in range(3)] for r in range(3)])
m = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in m] for i in range(3)])
print([v for row in m for v in row if v % 2 == 0 if v > 2])
print([x if x > 2 else -x for x in range(5)])
print([c for w in ["hi", "yo"] for c in w])
print([i for i in range(20) if i % 3 == 0 and i % 2 == 0])
