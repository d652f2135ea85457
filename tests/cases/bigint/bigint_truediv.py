# True division of ints too big for a float on their own.
print(10 ** 400 / 10 ** 399, 2 ** 1100 / 2 ** 1000, (3 * 10 ** 350) / (10 ** 340))
print(1 / 10 ** 400, -(10 ** 400) / 10 ** 399, 10 ** 400 / -(10 ** 398), 7 / 2, -(2 ** 70) / 3)
print((2 ** 1080 + 1) / 2 ** 1070, 10 ** 30 / 10 ** 10, (2 ** 64) / (2 ** 60))
for f in [lambda: 10 ** 400 / 1, lambda: -(2 ** 2000) / 3, lambda: 10 ** 400 / 0]:
    try:
        print(f())
    except (OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)
