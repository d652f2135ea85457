# 200,000 distinct strings in a set, membership checks, and removal of half of them.
# mpc: heap=32m
N = 200000
s = set()
for i in range(N):
    s.add("s" + str(i))
print(len(s))
hits = 0
for i in range(0, 2 * N, 2):
    if "s" + str(i) in s:
        hits += 1
print(hits)
for i in range(0, N, 2):
    s.discard("s" + str(i))
print(len(s), "s1" in s, "s2" in s)
