# repr and str of floats in containers.
values = [0.1, 1.0, -2.5, 1e20, 1e-7, 123.456]
print(values)
print(repr(values))
for v in values:
    print(str(v), repr(v))
print((1.0, 2.5))
print({"pi": 3.14159, "e": 2.71828})
