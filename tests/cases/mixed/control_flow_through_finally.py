# try/finally with break, continue and return; closures; comprehensions; star-args; slices; formatting.
def f():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("fin", i)
    return "done"
print(f())
def g():
    try:
        return 1
    finally:
        print("g fin")
print(g())
def h():
    try:
        raise ValueError("x")
    except ValueError as e:
        return "caught " + str(e)
    finally:
        print("h fin")
print(h())
def k():
    try:
        try:
            raise KeyError("a")
        except KeyError:
            raise
    except LookupError as e:
        print("outer", repr(e))
k()
try:
    try:
        1/0
    finally:
        print("inner finally")
except ZeroDivisionError as e:
    print("got", e)
def mk():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c = mk()
c(); c(5)
print(c())
print([x * y for x in range(3) for y in range(3) if x != y])
print({k: v for k, v in [("a", 1), ("b", 2)]})
def va(a, *args, b=2, **kw):
    return (a, args, b, kw)
print(va(1, 2, 3, b=4, c=5))
print(va(*[1, 2], **{"z": 1}))
a, *b, c = range(6)
print(a, b, c)
print((lambda x, y=3: x + y)(2))
x = [1, 2, 3, 4, 5, 6]
x[1:3] = [9]
del x[::2]
print(x)
print(f"{'abc':^9}|{12345:,}|{0.5:.1%}|{-3:+d}|{255:#x}|{3.0}|{1e20}|{x!r}")
s = "Hello, World"
print(s.lower(), s.upper(), s.find("o"), s.rfind("o"), s.count("l"), s.replace("l", "L", 2), s[::-1], s[-5:])
print(" a b  c ".split(), "a,b,,c".split(","), "a b c".rsplit(" ", 1), "  x ".strip(), "xxhixx".strip("x"))
print(sorted := None)
l = [3, 1, 2]; l.sort(); print(l); l.sort(reverse=True); print(l)
l.sort(key=lambda v: -v); print(l)
print(divmod(-7, 2), divmod(7.5, 2), pow(3, 200, 1000), round(2.5), round(3.5), round(1.25, 1), abs(-3.5), int("  -42 "), int("ff", 16), int(3.9), float("1e3"))
print(max([3, 9, 2]), min("hello"), max(1, 2, key=lambda v: -v), sum([0.1] * 10))
print(isinstance(True, int), isinstance(1.0, (int, str)), type(1.5), type([]), type(None))
print(bool([]), bool("x"), str(1.0), repr("it's"), repr('a"b'), repr("a'b\"c"))
print(2**64 // 3, -(2**70) % 7, (2**65) >> 3, 1 << 70, ~(2**80), (2**100) & (2**100 - 1), hex(2**70), bin(-5), oct(8))
print(1e16, 1e-5, 123456789012345678.0, 0.1 + 0.2, 1/3, -0.0, float("inf"), 2.5e-5, 1.0e15)
