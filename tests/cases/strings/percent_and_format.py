# %-formatting and str.format: specs, names, indexes, nested specs, and their errors.
print("%d items at %.2f each = %8.3f" % (3, 1.5, 4.5))
print("%s|%r|%5s|%-5s|%05d|%+d|%x|%X|%o|%#x|%e|%g|%c|%%" % ("a", "b", "c", "d", 42, 7, 255, 255, 8, 255, 12345.678, 0.0001, 65))
print("%(name)s is %(age)d" % {"name": "ann", "age": 30}, "%s" % [1, 2], "%s" % (None,))
print("{} {} {}".format(1, "a", [2]), "{0}{1}{0}".format("x", "y"), "{name}={val:>6.2f}".format(name="pi", val=3.14159))
print("{:>10}|{:<6}|{:^7}|{:08.3f}|{!r}".format("r", "l", "c", 2.5, "q"), "{0[1]} {1.real}".format([5, 6], 7), "{{}} {}".format(1))
print("{:{w}.{p}f}".format(3.14159, w=10, p=3), "{:,}".format(1234567), "{:b}".format(5))
tests = [lambda: "%d" % "x", lambda: "%s %s" % (1,), lambda: "%s" % (1, 2), lambda: "%y" % 1, lambda: "{} {}".format(1), lambda: "{0} {}".format(1, 2), lambda: "a" % 5, lambda: "{x}".format()]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, e)
