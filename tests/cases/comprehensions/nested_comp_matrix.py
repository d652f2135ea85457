# Matrix operations written with nested comprehensions.
A = [[1, 2], [3, 4], [5, 6]]
B = [[7, 8, 9], [10, 11, 12]]
C = [[sum([A[i][k] * B[k][j] for k in range(2)]) for j in range(3)] for i in range(3)]
print(C)
T = [list(col) for col in zip(*A)]
print(T)
ident = [[1 if i == j else 0 for j in range(4)] for i in range(4)]
for row in ident:
    print(" ".join([str(v) for v in row]))
flat = [v for row in C for v in row]
print(flat, max(flat), sum(flat))
