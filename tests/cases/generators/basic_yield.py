# Simple generators: lazy execution, StopIteration, and reuse after exhaustion.
def gen():
    print("start")
    yield 1
    print("middle")
    yield 2
    print("end")
g = gen()
print("created")
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("stopped")
print(list(g))
print(list(gen()))
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        yield a
        a, b = b, a + b
print(list(fib(15)), sum(fib(50)))
