# The global statement, and reading globals without it.
counter = 0
LIMIT = 3

def bump():
    global counter
    counter += 1
    return counter

def read_only():
    return counter * LIMIT

bump()
bump()
print(counter, read_only())

def make_global():
    global created
    created = "made inside"

make_global()
print(created)
