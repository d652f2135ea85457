# A call missing a required argument ends in an uncaught TypeError.
def area(w, h):
    return w * h
print(area(2, 3))
print(area(2))
