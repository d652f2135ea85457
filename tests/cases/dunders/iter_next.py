# __iter__/__next__ user iterators in for, list(), sum(), zip, unpacking and next().
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
for i in Countdown(3):
    print(i)
print(list(Countdown(4)), sum(Countdown(10)))
print(list(zip(Countdown(3), "abc")))
a, b, c = Countdown(3)
print(a, b, c)
it = Countdown(1)
print(next(it), next(it, "done"))
print(sorted(Countdown(5)), max(Countdown(5)), tuple(Countdown(2)))
class Range2:
    def __init__(self, n): self.n = n
    def __iter__(self):
        return Countdown(self.n)
r = Range2(2)
print(list(r), list(r))
print(dict(zip(Countdown(2), Countdown(2))))
