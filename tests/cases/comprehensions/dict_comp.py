# Dict comprehensions: building, inverting, filtering, and later keys overwriting earlier ones.
words = ["apple", "bob", "kayak", "car", "apple"]
print({w: len(w) for w in words})
d = {"a": 1, "b": 2, "c": 3}
print({v: k for k, v in d.items()})
print({k: v * v for k, v in d.items() if v != 2})
print({x % 3: x for x in range(10)})
print({(i, j): i * j for i in range(2) for j in range(2)})
print({w: w == w[::-1] for w in words})
print({k: [v] * 2 for k, v in zip("xy", (1, 2))})
