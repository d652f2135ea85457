# Functions without return give None; multiple returns give tuples.
def nothing():
    pass

def early(x):
    if x:
        return "early"
    print("late path")

def pair():
    return 1, 2

print(nothing(), early(1), early(0))
a, b = pair()
print(a, b, pair())
