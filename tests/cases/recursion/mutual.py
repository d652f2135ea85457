# Mutual recursion.
def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)

for n in [0, 1, 10, 17, 100]:
    print(n, is_even(n), is_odd(n))
