# pass, nested ifs and early returns.
def check(a, b):
    if a:
        if b:
            return "both"
        else:
            pass
        return "a only"
    if b:
        return "b only"
    return "neither"

print(check(1, 1), check(1, 0), check(0, 1), check(0, 0))
while False:
    pass
print("done")
