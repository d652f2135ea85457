# Truth values of every basic type.
values = [0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (0,), {}, {"k": 0}, None, True, False, 2 ** 100]
for v in values:
    if v:
        print(repr(v), "truthy")
    else:
        print(repr(v), "falsy")
