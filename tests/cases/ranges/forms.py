# range with one, two and three arguments, and negative steps.
def show(r):
    out = []
    for x in r:
        out.append(x)
    print(out)

show(range(5))
show(range(2, 7))
show(range(0, 20, 5))
show(range(10, 0, -3))
show(range(5, 5))
show(range(-3, 3))
show(range(3, -3, -1))
show(range(0, 10, 100))
