# Word counting with get and a default.
text = "the cat and the dog and the bird"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
best = ""
n = 0
for w, c in counts.items():
    if c > n:
        best = w
        n = c
print(best, n)
