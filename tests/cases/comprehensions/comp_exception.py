# An exception raised inside a comprehension propagates out normally.
def risky(x):
    if x == 3:
        raise ValueError("bad " + str(x))
    return x
try:
    print([risky(x) for x in range(5)])
except ValueError as e:
    print("caught", e)
try:
    {k: 1 / k for k in [2, 1, 0]}
except ZeroDivisionError as e:
    print("caught", e)
print([risky(x) for x in range(3)])
