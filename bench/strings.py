# String building: += on a growing string, then join over a list.
s = ""
for i in range(100000):
    s += "x"
print(len(s))
parts = []
for i in range(100000):
    parts.append(str(i))
joined = ",".join(parts)
print(len(joined))
