# Building strings in loops, += concatenation, and joining large lists.
out = ""
for i in range(10):
    out += str(i)
print(out, len(out))
parts = []
for i in range(1000):
    parts.append("%03d" % i)
big = ",".join(parts)
print(len(big), big[:15], big[-7:])
print(big.count(","), big.split(",")[500])
words = "the cat sat on the mat the end".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(freq)
print(" ".join([w[::-1] for w in words]))
