# Many int and tuple keys: insertion, lookup, deletion and re-insertion stay correct.
# mpc: heap=32m
d = {}
for i in range(60000):
    d[i * 7] = i
for i in range(0, 60000, 2):
    del d[i * 7]
print(len(d), d[7], 14 in d)
for i in range(0, 60000, 2):
    d[i * 7] = -i
print(len(d), d[14], sum(d.values()))
g = {}
for x in range(150):
    for y in range(150):
        g[(x, y)] = x * y
print(len(g), g[(149, 149)], (150, 0) in g)
