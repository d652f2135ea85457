# Keyword arguments in any order, mixed with positional ones.
def box(width, height, fill="#", border=False):
    return f"{width}x{height} fill={fill} border={border}"

print(box(3, 4))
print(box(height=2, width=5))
print(box(1, 2, border=True))
print(box(7, height=8, fill="*"))
print(box(fill=".", border=True, height=1, width=9))
