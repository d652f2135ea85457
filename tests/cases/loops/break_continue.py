# break and continue in nested loops.
for i in range(5):
    if i == 1:
        continue
    for j in range(5):
        if j > i:
            break
        if (i + j) % 2:
            continue
        print(i, j)
total = 0
i = 0
while True:
    i += 1
    if i % 3 == 0:
        continue
    if i > 20:
        break
    total += i
print(total)
