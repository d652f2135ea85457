# // and % follow floor semantics for all sign combinations, small and big.
for a in [7, -7, 2 ** 70 + 3, -(2 ** 70 + 3)]:
    for b in [3, -3, 2 ** 65]:
        print(a // b, a % b, divmod(a, b) == (a // b, a % b))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(divmod(7.5, 2), divmod(-7.5, 2))
print(0 // 5, 0 % -5, -1 // 10, -1 % 10)
