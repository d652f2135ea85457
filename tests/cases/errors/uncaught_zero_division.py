# Division by zero deep in a call chain.
def ratio(a, b):
    return a / b
total = 0
for d in [3, 2, 1, 0]:
    total += ratio(6, d)
    print(total)
