# Bad operand types for binary and unary operators, with CPython wording.
class U: pass
pairs = [
    lambda: 1 + "a",
    lambda: "a" - "b",
    lambda: [1] + (2,),
    lambda: {} + {},
    lambda: 1 / "2",
    lambda: None + 1,
    lambda: U() * 2,
    lambda: 2 ** "x",
    lambda: "a" % U(),
    lambda: [1] - [1],
    lambda: {1} + {2},
    lambda: 3 & 1.0,
    lambda: -[1],
    lambda: ~"s",
    lambda: +None,
    lambda: 1 < None,
    lambda: "a" > 1,
    lambda: U() <= U(),
    lambda: 3 in 4,
    lambda: "a" in ["a"] in "a",
    lambda: 1 @ 2,
]
for p in pairs:
    try:
        p()
    except TypeError as e:
        print(e)
