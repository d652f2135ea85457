# str.maketrans in its three forms, str.translate, str.format_map.
t = str.maketrans({"a": "1", "b": None, ord("c"): 120})
print(sorted(t.items()), "abcabc".translate(t))
t2 = str.maketrans("xy", "yx", "z")
print(sorted(t2.items()), "xyzzyx".translate(t2))
print("hello".translate({ord("l"): "LL", ord("o"): None}), "abc".translate({}), "abc".translate([]))
print("{name} is {age}".format_map({"name": "Ann", "age": 7}), "{0[1]}".format_map({}) if False else "{x!r:>5}".format_map({"x": "q"}))
for f in [lambda: str.maketrans("ab", "a"), lambda: str.maketrans(1), lambda: str.maketrans({"ab": 1}),
          lambda: str.maketrans({1.5: 1}), lambda: "{missing}".format_map({}), lambda: "a".translate({97: 1.5}),
          lambda: str.maketrans("a", 1)]:
    try:
        print(f())
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
