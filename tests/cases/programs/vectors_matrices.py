# Small linear algebra with operator overloading: a vector class, a 2-D
# subclass and a matrix class, with class/static methods and properties.


class Vector:
    created = 0

    def __init__(self, *items):
        self._items = tuple(items)
        Vector.created += 1

    @classmethod
    def from_iter(cls, it):
        return cls(*it)

    @staticmethod
    def dot(a, b):
        if len(a) != len(b):
            raise ValueError("length mismatch: %d vs %d" % (len(a), len(b)))
        return sum(x * y for x, y in zip(a, b))

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Vector(*self._items[i])
        return self._items[i]

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(repr(x) for x in self))

    def __eq__(self, other):
        return isinstance(other, Vector) and self._items == other._items

    def __hash__(self):
        return hash(self._items)

    def __lt__(self, other):
        return abs(self) < abs(other)

    def __add__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return self.from_iter(a + b for a, b in zip(self, other))

    def __radd__(self, other):
        # sum() starts from 0, so 0 + v must work.
        if other == 0:
            return self
        return NotImplemented

    def __sub__(self, other):
        return self + (-other)

    def __neg__(self):
        return self.from_iter(-x for x in self)

    def __mul__(self, k):
        if isinstance(k, Vector):
            return Vector.dot(self, k)
        return self.from_iter(x * k for x in self)

    __rmul__ = __mul__

    def __abs__(self):
        return Vector.dot(self, self) ** 0.5

    def __bool__(self):
        return any(self._items)

    def __format__(self, spec):
        return "(" + ", ".join(format(x, spec) for x in self) + ")"


class Vec2(Vector):
    def __init__(self, x=0, y=0):
        super().__init__(x, y)

    @property
    def x(self):
        return self[0]

    @property
    def y(self):
        return self[1]

    def cross(self, other):
        return self.x * other.y - self.y * other.x

    def rotated90(self):
        return Vec2(-self.y, self.x)

    def __repr__(self):
        return "Vec2(%g, %g)" % (self.x, self.y)


class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
        if len({len(r) for r in self.rows}) > 1:
            raise ValueError("ragged rows")

    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])

    @property
    def shape(self):
        return len(self.rows), len(self.rows[0]) if self.rows else 0

    @property
    def T(self):
        return Matrix(zip(*self.rows))

    def __getitem__(self, rc):
        r, c = rc
        return self.rows[r][c]

    def __eq__(self, other):
        return isinstance(other, Matrix) and self.rows == other.rows

    def __matmul__(self, other):
        if isinstance(other, Vector):
            return other.from_iter(Vector.dot(row, other) for row in self.rows)
        if self.shape[1] != other.shape[0]:
            raise ValueError("shapes %s and %s do not align" % (self.shape, other.shape))
        cols = other.T.rows
        return Matrix([[Vector.dot(row, col) for col in cols] for row in self.rows])

    def __pow__(self, n):
        result = Matrix.identity(self.shape[0])
        base = self
        while n:
            if n & 1:
                result = result @ base
            base = base @ base
            n >>= 1
        return result

    def __repr__(self):
        width = max(len(str(x)) for row in self.rows for x in row)
        return "\n".join("[" + " ".join(str(x).rjust(width) for x in row) + "]" for row in self.rows)


def vector_demo():
    a = Vector(1, 2, 3)
    b = Vector.from_iter(range(4, 7))
    print(a, b, Vector.from_iter([0] * 2))
    print("a+b =", a + b, "a-b =", a - b, "-a =", -a)
    print("2*a =", 2 * a, "a*0.5 =", a * 0.5, "a.b =", a * b, Vector.dot(a, b))
    print("len/iter/index:", len(a), list(a), a[0], a[-1], a[1:])
    print("abs:", abs(Vector(3, 4)), "abs(-a): %.4f" % abs(-a), "bool:", bool(Vector(0, 0, 0)), bool(a))
    print("sum:", sum([a, b, Vector(1, 1, 1)]))
    print("eq:", a == Vector(1, 2, 3), a == b, a != b, a == (1, 2, 3))
    print("hash equal:", hash(a) == hash(Vector(1, 2, 3)), "set size:", len({a, Vector(1, 2, 3), b}))
    for bad in (lambda: Vector.dot(a, Vector(1, 2)), lambda: a + 5, lambda: a @ a):
        try:
            bad()
        except (ValueError, TypeError) as err:
            print(type(err).__name__ + ":", err)
    return a


def vec2_demo(a):
    p, q = Vec2(3, 4), Vec2(-1, 2)
    print(p, q, p + q, p - q, 3 * p, isinstance(p + q, Vec2))
    print("x/y:", p.x, p.y, "cross:", p.cross(q), "rot:", p.rotated90(), "abs:", abs(p))
    points = [Vec2(x, y) for x, y in [(5, 0), (1, 1), (-3, 2), (0, -2), (2, 2)]]
    print("by length:", sorted(points))
    print("lower half first, then by x:", sorted(points, key=lambda v: (v.y >= 0, v.x)))
    print("max/min:", max(points), min(points), "created so far:", Vector.created)
    print(f"formatted: {a * 0.5:.2f} {Vec2(1, 2) * (1 / 3):>6.3f} {p:03d} {q}")
    return p


def matrix_demo(p):
    m = Matrix([[1, 2], [3, 4]])
    print("shape:", m.shape, "m[1,0] =", m[1, 0])
    print(m, m.T, sep="\n")
    print("m @ I == m:", m @ Matrix.identity(2) == m)
    print(m @ m)
    print("m @ (1, 1):", m @ Vector(1, 1), m @ Vec2(1, -1))
    rot = Matrix([[0, -1], [1, 0]])
    print("rot^4 == I:", rot ** 4 == Matrix.identity(2), "rot @ p:", rot @ p, p.rotated90())
    print("fib(30) via matrix power:", (Matrix([[1, 1], [1, 0]]) ** 30)[0, 1])
    r3 = Matrix([[1, 2, 3], [4, 5, 6]])
    print(r3 @ r3.T)
    for make in (lambda: r3 @ r3, lambda: Matrix([[1, 2], [3]]), lambda: m @ Vector(1, 2, 3)):
        try:
            make()
        except ValueError as err:
            print("ValueError:", err)


matrix_demo(vec2_demo(vector_demo()))
