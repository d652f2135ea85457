# Repeated insert/delete churn with string keys keeps the dict correct and fast.
# mpc: heap=32m
d = {}
for round_ in range(5):
    for i in range(20000):
        d["k" + str(round_) + "_" + str(i)] = i
    for i in range(0, 20000, 3):
        del d["k" + str(round_) + "_" + str(i)]
print(len(d))
print(d.get("k4_1"), d.get("k4_3"), d.get("k0_19999"))
keys = list(d)
print(keys[:3], keys[-2:])
