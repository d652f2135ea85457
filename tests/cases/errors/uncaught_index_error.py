# Indexing past the end of a list is uncaught.
xs = [1, 2, 3]
i = 0
while True:
    print(xs[i])
    i += 1
