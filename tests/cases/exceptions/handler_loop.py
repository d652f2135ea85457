# Catching errors inside a loop keeps the loop going.
inputs = ["10", "x", "3", "", "-7", "4.5"]
total = 0
bad = 0
for s in inputs:
    try:
        total += int(s)
    except ValueError as e:
        bad += 1
        print("skip:", e)
print(total, bad)
