# += on strings builds new objects; on lists it extends in place.
s = "a"
t = s
s += "b"
print(s, t)
xs = [1]
ys = xs
xs += [2, 3]
print(xs, ys, xs is ys)
tup = (1,)
tup += (2,)
print(tup)
n = 2 ** 62
n += n
print(n)
f = 1.5
f *= 4
print(f)
