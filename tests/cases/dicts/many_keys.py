# Growing a dict past many resizes, then deleting half.
d = {}
for i in range(2000):
    d["k" + str(i)] = i
print(len(d), d["k0"], d["k1999"])
for i in range(0, 2000, 2):
    del d["k" + str(i)]
print(len(d), "k2" in d, "k3" in d)
t = 0
for v in d.values():
    t += v
print(t)
