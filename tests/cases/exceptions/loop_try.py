# Exceptions inside loops with continue/break in except and else clauses.
results = []
for s in ["1", "x", "3", "stop", "5"]:
    try:
        n = int(s)
    except ValueError:
        if s == "stop":
            break
        results.append("bad")
        continue
    else:
        results.append(n * 10)
    finally:
        results.append("|")
print(results)
i = 0
while True:
    try:
        i += 1
        if i > 3:
            raise StopIteration
    except StopIteration:
        break
print(i)
