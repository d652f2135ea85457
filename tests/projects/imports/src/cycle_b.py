import cycle_a
B = "b"
def partial():
    return hasattr(cycle_a, "A")
