# The loop variable keeps its last value after the loop.
for i in range(5):
    pass
print(i)
for c in "xyz":
    pass
print(c)
k = 10
for k in []:
    pass
print(k)
