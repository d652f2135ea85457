# Linear search, min/max and sum over lists.
data = [5, 3, 9, -2, 7, 9, 0]
best = data[0]
pos = 0
i = 0
for v in data:
    if v > best:
        best = v
        pos = i
    i += 1
print(best, pos)
print(min(data), max(data), sum(data), sum(data, 100))
print(len(data), data[len(data) // 2])
