# global declarations let functions rebind module-level names.
counter = 0
def bump(n=1):
    global counter
    counter += n
    return counter
bump(); bump(5)
print(counter)
def make():
    global created
    created = "yes"
make()
print(created)
def reader():
    return counter * 2
print(reader())
def shadow():
    counter = -1
    return counter
print(shadow(), counter)
