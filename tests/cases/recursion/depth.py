# Recursion a few hundred frames deep.
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)

def sum_list(xs, i):
    if i == len(xs):
        return 0
    return xs[i] + sum_list(xs, i + 1)

print(depth(200))
data = []
for i in range(150):
    data.append(i)
print(sum_list(data, 0))
