# Slice assignment on lists: growing, shrinking, extended slices, and length mismatch.
L = list(range(6))
L[1:3] = ["a", "b", "c", "d"]
print(L)
L[:2] = []
print(L)
L[len(L):] = [99]
print(L)
L[::2] = [0] * len(L[::2])
print(L)
L[1:1] = "xy"
print(L)
M = [1, 2, 3, 4, 5]
M[::-1] = M[:]
print(M)
try:
    M[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
s = list("hello")
s[1:3] = "EE"
print(s)
M[:] = range(3)
print(M)
