# Multiplication table with nested loops.
for i in range(1, 6):
    line = ""
    for j in range(1, 6):
        line += f"{i * j:4d}"
    print(line)
count = 0
for a in range(10):
    for b in range(a, 10):
        for c in range(b, 10):
            if a * a + b * b == c * c and a > 0:
                print("triple", a, b, c)
            count += 1
print(count)
