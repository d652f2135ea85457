# Closures capture variables, not values.
def make_adders():
    adders = []
    for i in range(3):
        adders.append(lambda x, i=i: x + i)
    return adders

for f in make_adders():
    print(f(10))

def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return fs

for f in late():
    print(f())
