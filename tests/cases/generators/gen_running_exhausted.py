# Generators: exhausted generators stay exhausted; a closed generator raises StopIteration.
def g():
    yield "a"
it = g()
print(list(it), list(it), next(it, None))
def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("finally at exhaustion")
for v in gen_with_finally():
    print(v)
g2 = gen_with_finally()
print(next(g2))
g2.close()
print("after explicit close")
