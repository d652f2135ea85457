# Dict inserts and lookups with 100k int keys and 100k str keys.
d = {}
for i in range(100000):
    d[i] = i
total = 0
for i in range(100000):
    total += d[i]
print(len(d), total)
s = {}
for i in range(100000):
    s["k" + str(i)] = i
hits = 0
for i in range(0, 100000, 3):
    if "k" + str(i) in s:
        hits += 1
print(len(s), hits)
