# In-place dunders (__iadd__ etc.) mutate; without them, x += y falls back to __add__.
class Acc:
    def __init__(self): self.items = []
    def __iadd__(self, o):
        self.items.append(o)
        return self
    def __isub__(self, o):
        self.items.remove(o)
        return self
    def __imul__(self, k):
        self.items = self.items * k
        return self
class N:
    def __init__(self, v): self.v = v
    def __add__(self, o): return N(self.v + o)
    def __ior__(self, o): return N(self.v | o)
    def __ifloordiv__(self, o): return N(self.v // o)
a = Acc()
alias = a
a += 1; a += 2; a -= 1; a *= 3
print(a.items, alias is a)
n = N(1)
keep = n
n += 5
print(n.v, keep.v, n is keep)
n |= 8
n //= 2
print(n.v)
L = [1]; L2 = L
L += [2]
print(L2)
t = (1,); t2 = t
t += (2,)
print(t, t2)
