# Assignment expressions in if, while, and comprehensions.
data = [3, 8, 1, 9]
if (n := len(data)) > 3:
    print("long list", n)
it = iter(data)
while (v := next(it, None)) is not None:
    print("got", v)
print(v)
print((y := 10) + y)
def first_big(xs):
    for x in xs:
        if (sq := x * x) > 50:
            return x, sq
    return None
print(first_big(data), first_big([1]))
vals = []
for s in ["a b", "", "c"]:
    if (w := s.split()):
        vals.append(w)
print(vals, w)
print(x := 5, x)
