# Miscellaneous int behaviour: abs, round, bool, comparison with bool, and conversions.
print(abs(-5), round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(int.bit_length(1023), (10).__add__(5), (7).conjugate())
print(bool(0), bool(-1), 1 == True, 2 == True, True + True)
print(max(3, 10 ** 20, -5), min([2 ** 65, 2 ** 64]), sum(range(10 ** 5)))
print(sorted([2 ** 64, -1, 0, 2 ** 63, True]))
print(divmod(2 ** 100, 10 ** 9))
print(7 // 2 * 2 + 7 % 2 == 7, -7 // 2, 7 // -2)
print(int.from_bytes((1234).to_bytes(4, "big"), "big"))
