# Multiple assignment evaluates the right side fully before binding targets.
a, b = 1, 2
a, b = b, a
print(a, b)
x = [0, 1, 2]
i = 0
i, x[i] = 1, "set"
print(i, x)
a = b = c = []
a.append(1)
print(b, c, a is c)
m, n = n, m = 3, 4
print(m, n)
L = [1, 2, 3]
L[0], L[2] = L[2], L[0]
print(L)
(a, b), c = "xy", 3
print(a, b, c)
