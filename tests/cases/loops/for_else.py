# for ... else, used to find primes.
for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")
for x in []:
    print("never")
else:
    print("empty loop else")
