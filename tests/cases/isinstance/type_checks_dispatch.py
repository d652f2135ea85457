# Dispatching on type with isinstance chains, as typical MicroPython code does.
def describe(x):
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, int):
        return "int"
    if isinstance(x, (float,)):
        return "float"
    if isinstance(x, (str,)):
        return "text-ish"
    if isinstance(x, (list, tuple)):
        return "seq[" + ",".join([describe(y) for y in x]) + "]"
    if isinstance(x, dict):
        return "map"
    return "other"
for v in [True, 3, 2.0, "a", [1, "x", (2.0,)], {}, None]:
    print(describe(v))
