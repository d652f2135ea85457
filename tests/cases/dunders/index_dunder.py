# __index__ in subscripts, slices, repetition, bin/oct/hex and bytearray; __int__/__float__ in conversions.
class I:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
xs = list("abcdef")
print(xs[I(-1)], xs[I(1):I(5):I(2)], "hey"[I(0)], (1, 2, 3)[I(2)], range(10)[I(3)], b"xyz"[I(1)])
print([0] * I(3), I(2) * "ab", oct(I(8)), bin(I(-3)), hex(I(2 ** 40)))
ba = bytearray(b"abc")
ba[I(0)] = 65
print(ba, ba.pop(I(1)), ba)
class F:
    def __float__(self):
        return 0.25
class N:
    def __int__(self):
        return 42
class Both(I):
    pass
print(float(F()), int(N()), int(I(7)), float(I(3)), int(Both(9)))
class Bad:
    def __index__(self):
        return "no"
class BadF:
    def __float__(self):
        return 1
for f in [lambda: xs[Bad()], lambda: hex(Bad()), lambda: float(BadF()), lambda: hex(2.5), lambda: xs[F()], lambda: int(F())]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
