# Equality ignores order; repr shows nested containers.
a = {"x": 1, "y": [1, 2.5, "s"]}
b = {"y": [1, 2.5, "s"], "x": 1}
print(a == b, a != b, a == {"x": 1})
print(repr(a))
print({1: {2: {3: "deep"}}})
print({"q": "it's", "n": None, "t": (1,)})
