COUNT = 0
def greet(n):
    return "hello " + n
COUNT += 1
print("helper loaded")
