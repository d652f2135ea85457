# repr of nested containers with strings and floats.
data = [1, "two", 3.0, [4, "five", (6.5, "seven")], {"k": ["v", 0.1]}, None, True]
print(repr(data))
print(data)
print(repr(("single",)), repr([]), repr({}), repr(()))
print(repr("x"), str("x"), repr(-0.0), repr(2 ** 65))
