# Unbounded recursion raises RecursionError, which can be caught.
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError caught", isinstance(e, RuntimeError))
print("still running")
