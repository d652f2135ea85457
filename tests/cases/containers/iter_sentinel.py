# iter(callable, sentinel): stops at the sentinel, at StopIteration, and stays stopped.
data = [3, 1, 4, 1, 5, 9, 2, 6]
pos = iter(data)
it = iter(lambda: next(pos), 5)
print(type(it).__name__, iter(it) is it, list(it), next(it, "done"))
count = [0]
def tick():
    count[0] += 1
    return count[0]
print(list(iter(tick, 4)), count)
chunks = iter(["ab", "cd", ""])
print("".join(iter(chunks.__next__ if hasattr(chunks, "__next__") else lambda: next(chunks), "")))
class Reader:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.n * 10
print(list(iter(Reader(), 40)))
short = iter([1, 2])
print(list(iter(lambda: next(short), 99)))
for bad in [lambda: iter(5, 0), lambda: iter([1], 0), lambda: iter()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
def boom():
    raise ValueError("from the callable")
try:
    next(iter(boom, None))
except ValueError as e:
    print("ValueError:", e)
