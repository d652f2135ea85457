# range.index and range.count, including values not in the range.
r = range(3, 30, 4)
print(r.index(3), r.index(27), r.count(7), r.count(8), r.count(31), range(10, 0, -3).index(4))
print(range(5).index(True), range(5).count(2.0), range(0).count(0), range(-5, 5).index(-5))
for args in [(r, 8), (r, 31), (range(5), "a"), (range(10, 0, -3), 3)]:
    try:
        print(args[0].index(args[1]))
    except ValueError as e:
        print("ValueError:", e)
try:
    r.index()
except TypeError as e:
    print("TypeError:", e)
