# Building strings with += and join.
out = ""
for i in range(10):
    out += str(i)
print(out, len(out))
parts = []
for w in ["alpha", "beta", "gamma"]:
    parts.append(w.upper())
print(" | ".join(parts))
line = "=" * 20
print(line)
