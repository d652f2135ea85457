# Collatz sequence lengths.
def steps(n):
    s = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        s += 1
    return s

longest = 0
which = 0
for n in range(1, 1000):
    s = steps(n)
    if s > longest:
        longest = s
        which = n
print(which, longest)
print(steps(27))
