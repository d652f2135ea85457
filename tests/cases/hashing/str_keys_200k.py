# 200,000 distinct string keys inserted into a dict and looked up must be fast.
# mpc: heap=32m
N = 200000
d = {}
for i in range(N):
    d["key" + str(i)] = i
print(len(d))
total = 0
for i in range(N):
    total += d["key" + str(i)]
print(total, total == N * (N - 1) // 2)
print("key0" in d, "key199999" in d, "key200000" in d)
