# Unpacking too many values is an uncaught ValueError.
a, b = (1, 2)
print(a, b)
a, b = (1, 2, 3)
