# Summing floats in a loop accumulates rounding error like CPython.
t = 0.0
for i in range(10):
    t += 0.1
print(t)
s = 0.0
i = 1
while i <= 100:
    s += 1 / i
    i += 1
print(s)
print(sum([0.5, 0.25, 0.125]))
print(sum([1, 2, 3], 0.5))
