# Int, big int, bool and float keys: equal numbers are the same key.
d = {}
for i in range(10):
    d[i * i] = i
print(d)
print(d[49], d.get(50, "none"))
d[1.0] = "float one"
print(d[1], len(d))
d[True] = "true"
print(d[1])
big = 2 ** 70
d[big] = "big"
print(d[2 ** 70], big in d, 2 ** 71 in d)
d[(1, 2)] = "tuple"
print(d[(1, 2)])
