# Exceptions propagate through several frames.
def a(x):
    return b(x) + 1

def b(x):
    return c(x) * 2

def c(x):
    if x < 0:
        raise ValueError("negative: " + str(x))
    return x

print(a(5))
try:
    print(a(-1))
except ValueError as e:
    print("caught", e)
