# Concatenating str and int ends in an uncaught TypeError.
count = 3
print("count is " + str(count))
print("count is " + count)
