# A misspelled name inside a function ends in an uncaught NameError.
def compute():
    total = 10
    return totl * 2
print("computing")
print(compute())
