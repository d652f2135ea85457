# Summing ranges, with and without start values.
print(sum(range(101)), sum(range(1, 11), 1000))
total = 0
for i in range(1, 1001):
    total += i * i
print(total)
print(max(range(7)), min(range(3, 9)))
print(sum(range(0, -10, -1)))
