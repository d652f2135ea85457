# Nested lists share references.
grid = []
for r in range(3):
    row = []
    for c in range(4):
        row.append(r * 4 + c)
    grid.append(row)
print(grid)
print(grid[1][2], grid[-1][-1], len(grid[0]))
grid[0][0] = "x"
print(grid[0])
alias = grid[1]
alias.append(99)
print(grid[1])
print([[], [[]], [[], []]])
