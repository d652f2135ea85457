# A million iterations of small-int arithmetic in a while loop.
total = 0
i = 0
while i < 1000000:
    total = (total + i * 3) % 1000003
    i += 1
print(total)
