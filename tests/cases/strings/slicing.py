# Slicing with steps, negative bounds and out-of-range bounds.
s = "abcdefghij"
print(s[2:5], s[:3], s[7:], s[:])
print(s[::2], s[1::3], s[::-1], s[-3:])
print(s[8:2:-2], s[-1:-4:-1], s[100:], s[-100:2])
print(s[3:3], s[5:1], s[::-3])
u = "héllo"
print(u[::-1], u[1:3])
