# Backtracking solvers: a sudoku from a fixed puzzle (with candidate
# bitmasks and most-constrained-cell ordering), and N-queens counts and
# first solutions for n = 1..7.

PUZZLE = """
53..7....
6..195...
.98....6.
8...6...3
4..8.3..1
7...2...6
.6....28.
...419..5
....8..79
"""

ALL = 0x1FF


def parse(text):
    rows = [line for line in text.split("\n") if line.strip()]
    if len(rows) != 9 or any(len(r) != 9 for r in rows):
        raise ValueError("a sudoku needs 9 rows of 9 cells")
    return [[0 if ch == "." else int(ch) for ch in row] for row in rows]


def show(grid):
    for r, row in enumerate(grid):
        if r and r % 3 == 0:
            print("------+-------+------")
        cells = [str(v) if v else "." for v in row]
        print(" | ".join(" ".join(cells[c : c + 3]) for c in (0, 3, 6)))


def bits(mask):
    # Digits present in a 9-bit mask, lowest first.
    return [d + 1 for d in range(9) if mask >> d & 1]


class Sudoku:
    def __init__(self, grid):
        self.grid = [row[:] for row in grid]
        self.rows = [0] * 9
        self.cols = [0] * 9
        self.boxes = [0] * 9
        self.guesses = 0
        self.backtracks = 0
        for r in range(9):
            for c in range(9):
                v = self.grid[r][c]
                if v:
                    if not self.free(r, c) & 1 << (v - 1):
                        raise ValueError("duplicate %d at row %d col %d" % (v, r + 1, c + 1))
                    self.place(r, c, v)

    @staticmethod
    def box(r, c):
        return r // 3 * 3 + c // 3

    def free(self, r, c):
        return ALL & ~(self.rows[r] | self.cols[c] | self.boxes[self.box(r, c)])

    def place(self, r, c, v):
        bit = 1 << (v - 1)
        self.grid[r][c] = v
        self.rows[r] |= bit
        self.cols[c] |= bit
        self.boxes[self.box(r, c)] |= bit

    def remove(self, r, c, v):
        bit = ~(1 << (v - 1))
        self.grid[r][c] = 0
        self.rows[r] &= bit
        self.cols[c] &= bit
        self.boxes[self.box(r, c)] &= bit

    def best_cell(self):
        best = None
        best_count = 10
        for r in range(9):
            for c in range(9):
                if self.grid[r][c] == 0:
                    n = len(bits(self.free(r, c)))
                    if n < best_count:
                        best, best_count = (r, c), n
                        if n <= 1:
                            return best
        return best

    def solve(self):
        cell = self.best_cell()
        if cell is None:
            return True
        r, c = cell
        for v in bits(self.free(r, c)):
            self.guesses += 1
            self.place(r, c, v)
            if self.solve():
                return True
            self.remove(r, c, v)
            self.backtracks += 1
        return False

    def is_valid(self):
        want = list(range(1, 10))
        groups = [row for row in self.grid]
        groups += [[self.grid[r][c] for r in range(9)] for c in range(9)]
        groups += [[self.grid[r][c] for r in range(9) for c in range(9) if self.box(r, c) == b] for b in range(9)]
        return all(sorted(g) == want for g in groups)


def queens(n):
    # Counts all placements and keeps the first one found.
    count = 0
    first = None
    cols = [0] * n

    def place(row, used, diag1, diag2):
        nonlocal count, first
        if row == n:
            count += 1
            if first is None:
                first = cols[:]
            return
        for col in range(n):
            if col in used or (row + col) in diag1 or (row - col) in diag2:
                continue
            cols[row] = col
            used.add(col)
            diag1.add(row + col)
            diag2.add(row - col)
            place(row + 1, used, diag1, diag2)
            used.discard(col)
            diag1.discard(row + col)
            diag2.discard(row - col)

    place(0, set(), set(), set())
    return count, first


grid = parse(PUZZLE)
print("puzzle (%d givens):" % sum(1 for row in grid for v in row if v))
show(grid)
game = Sudoku(grid)
print("candidates at (1,3):", bits(game.free(0, 2)))
print("most constrained empty cell:", game.best_cell())
solved = game.solve()
print("solved:", solved, "guesses:", game.guesses, "backtracks:", game.backtracks)
show(game.grid)
print("valid:", game.is_valid(), "| original untouched:", grid[0][2] == 0)
print("row sums:", [sum(row) for row in game.grid])
print("diagonal:", "".join(str(game.grid[i][i]) for i in range(9)))

bad = [row[:] for row in grid]
bad[0][2] = 5
try:
    Sudoku(bad)
except ValueError as err:
    print("rejected:", err)
try:
    parse("123\n456")
except ValueError as err:
    print("rejected:", err)

hard = [row[:] for row in grid]
for r, c in [(0, 0), (0, 1), (1, 0), (4, 0), (8, 8), (8, 7)]:
    hard[r][c] = 0
other = Sudoku(hard)
print("with fewer givens:", other.solve(), "guesses:", other.guesses, "backtracks:", other.backtracks)
diff = [(r, c) for r in range(9) for c in range(9) if other.grid[r][c] != game.grid[r][c]]
print("valid:", other.is_valid(), "| cells unlike the first answer:", diff)

for n in range(1, 8):
    count, first = queens(n)
    print("%d-queens: %2d solutions" % (n, count), "first:", first)
    if first and n in (4, 6):
        for col in first:
            print("   " + " ".join("Q" if c == col else "." for c in range(n)))
