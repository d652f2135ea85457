# pow with modulus, negative exponents with modulus, and big exponents.
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 10 ** 9 + 7))
print(pow(2, 100, 2 ** 61 - 1), pow(-3, 3, 7), pow(3, 3, -7))
print(pow(3, -1, 7), pow(38, -1, 97))
print(pow(2, -2), pow(-2, 3), pow(2.0, 3))
print(pow(7, 0, 1), pow(123456789, 987654321, 1000000007))
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
