# Deleting while iterating over a copy, and del of dict entries collected first.
nums = list(range(10))
for n in nums[:]:
    if n % 3 == 0:
        nums.remove(n)
print(nums)
d = {i: i * i for i in range(8)}
for k in [k for k in d if d[k] % 2]:
    del d[k]
print(d)
L = [1, 2, 3, 4, 5, 6]
del L[1::2]
print(L)
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
