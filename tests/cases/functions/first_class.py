# Functions as values: passed, stored and returned.
def double(x):
    return x * 2

def apply(f, xs):
    out = []
    for x in xs:
        out.append(f(x))
    return out

table = {"double": double, "neg": lambda x: -x}
print(apply(double, [1, 2, 3]))
print(apply(table["neg"], [4, 5]))
fs = [double, abs, str]
for f in fs:
    print(f(-3))
