# Tuples as dict keys.
grid = {}
for x in range(3):
    for y in range(3):
        grid[(x, y)] = x * 10 + y
print(grid[(2, 1)], (1, 1) in grid, (5, 5) in grid)
print(len(grid))
print(grid.get((0, 2)), grid.get((9, 9), "none"))
