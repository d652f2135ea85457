# str.format with positional, indexed, keyword, attribute and item fields, and specs.
class P:
    x = 3
    y = [10, 20]
print("{} {} {}".format(1, "a", [2]))
print("{1} {0} {1}".format("A", "B"))
print("{name}-{n:03d}".format(name="id", n=7))
print("{0.x} {0.y[1]} {d[key]} {d[k2]}".format(P(), d={"key": "v", "k2": 2}))
print("{:>6}|{:<6}|{:^6}|{:*^7}|{:=+6}".format("r", "l", "c", "m", 42))
print("{:,} {:_x} {:08.3f} {:+.2%} {:#b}".format(1234567, 0xFFFFF, -3.14159, 0.256, 5))
print("{{literal}} {}".format("x"), "{!r:>8}".format("q"), "{0!s:^5}".format(None))
w, p = 10, 3
print("{:{w}.{p}f}|".format(3.14159265, w=w, p=p))
print("{:s} {:d} {:c} {:o}".format("s", 10, 97, 64))
try:
    "{:d}".format("x")
except ValueError as e:
    print("ValueError:", e)
try:
    "{missing}".format()
except KeyError as e:
    print("KeyError:", e)
