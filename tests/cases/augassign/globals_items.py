# Augmented assignment on globals, list items and dict items.
total = 1

def add(n):
    global total
    total += n
    total *= 2

add(3)
add(1)
print(total)
xs = [1, 2, 3]
xs[0] += 10
xs[-1] **= 3
xs[1] <<= 5
print(xs)
d = {"n": 7, "s": "ab"}
d["n"] //= 2
d["n"] -= 10
d["s"] *= 3
d["s"] += "!"
print(d)
