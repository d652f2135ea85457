# isinstance and issubclass with tuples of types, nested tuples, and builtin types.
vals = [1, 2.5, "s", [1], (1,), {1: 2}, {1}, None, True, frozenset()]
for v in vals:
    print(type(v).__name__, isinstance(v, (int, float)), isinstance(v, (list, (tuple, dict))), isinstance(v, (str, (bool,))))
print(issubclass(bool, (str, int)), issubclass(int, (float,)), issubclass(float, (int, (str, float))))
print(isinstance(3, ()), issubclass(int, ()))
