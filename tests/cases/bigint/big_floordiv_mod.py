# Negative floor division and modulo on big ints.
big = 10 ** 25 + 7
print(big // 3, big % 3)
print(-big // 3, -big % 3)
print(big // -3, big % -3)
print(-big // -3, -big % -3)
print(big // (10 ** 20), big % (10 ** 20))
print(-big // (10 ** 20), -big % (10 ** 20))
