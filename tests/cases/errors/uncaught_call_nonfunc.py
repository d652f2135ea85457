# Calling an int ends in an uncaught TypeError.
x = 5
print(x)
x()
