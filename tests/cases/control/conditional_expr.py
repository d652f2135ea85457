# Conditional expressions, nested.
for n in range(-2, 3):
    sign = "neg" if n < 0 else "zero" if n == 0 else "pos"
    print(n, sign)
x = 5
print("big" if x > 3 else "small", (x if x % 2 else -x))
