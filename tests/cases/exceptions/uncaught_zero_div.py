# Division by zero deep in calls is uncaught after finally blocks print.
def inner(x):
    try:
        return 10 // x
    finally:
        print("inner finally")
def outer():
    return inner(0)
print("start")
outer()
