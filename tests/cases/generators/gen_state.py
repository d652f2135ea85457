# Generators keep local state across yields; multiple generators run independently.
def counter(start):
    while True:
        start += 1
        yield start
a, b = counter(0), counter(100)
print(next(a), next(a), next(b), next(a), next(b))
def interleave(*gens):
    gens = list(gens)
    while gens:
        for g in list(gens):
            try:
                yield next(g)
            except StopIteration:
                gens.remove(g)
print(list(interleave(iter("abc"), iter([1]), iter(range(4)))))
