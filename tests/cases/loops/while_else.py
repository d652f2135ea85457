# while ... else runs else only without break.
n = 0
while n < 3:
    print("n", n)
    n += 1
else:
    print("while finished")
n = 0
while n < 10:
    if n == 4:
        print("breaking at", n)
        break
    n += 1
else:
    print("not printed")
