# Larger list workloads: 100k appends, sort, slicing and sum, all fast.
# mpc: heap=32m
L = []
for i in range(100000):
    L.append((i * 7919) % 100003)
print(len(L), sum(L), L[:5])
L.sort()
print(L[:3], L[-3:])
print(len(set(L)), L.index(L[500]), L.count(0))
R = sorted(L, reverse=True)
print(R[0], R[-1], L[::20000])
