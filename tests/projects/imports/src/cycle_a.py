import cycle_b
A = "a"
def get_b():
    return cycle_b.B
