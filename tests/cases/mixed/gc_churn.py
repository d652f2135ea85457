# A loop whose short-lived objects add up to many times a small board's
# heap: strings, lists, dicts, tuples and instances, with a small live set.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)


total = Point(0, 0)
checksum = 0
keep = []
for i in range(3000):
    s = "item-" + str(i) * 3
    parts = [s, s.upper(), (i, i * i)]
    d = {"k" + str(i % 7): parts, "n": i}
    total = total + Point(i % 13, len(d["n" if i % 2 else "k" + str(i % 7)] if i % 2 == 0 else s))
    checksum = (checksum * 31 + len(s) + len(parts[1])) % 1000003
    if i % 500 == 0:
        keep.append(s)
print(total.x, total.y, checksum)
print(keep)
print(sum(len(k) for k in keep))
