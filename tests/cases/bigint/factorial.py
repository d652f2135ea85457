# factorial(30) and friends.
def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

print(factorial(20))
print(factorial(30))
print(factorial(40) // factorial(38))
print(factorial(25) % 1000007)
