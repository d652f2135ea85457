# OverflowError for float conversions and ranges too large for operations.
tries = [
    lambda: float(10 ** 400),
    lambda: 10 ** 400 / 1,
    lambda: int(float("inf")),
    lambda: [0] * (2 ** 70),
    lambda: round(float("inf")),
]
for t in tries:
    try:
        t()
    except (OverflowError, MemoryError) as e:
        print(type(e).__name__, e)
