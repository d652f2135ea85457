# Recursive gcd and fast exponentiation with big ints.
def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)

def power(b, e):
    if e == 0:
        return 1
    h = power(b, e // 2)
    if e % 2:
        return h * h * b
    return h * h

print(gcd(1071, 462), gcd(2 ** 40, 6 ** 20))
print(power(3, 100), power(2, 0), power(7, 13))
