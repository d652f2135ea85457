# __call__ makes instances callable with any argument signature.
class Adder:
    def __init__(self, n): self.n = n
    def __call__(self, x, *rest, scale=1):
        return (self.n + x + sum(rest)) * scale
add5 = Adder(5)
print(add5(1), add5(1, 2, 3), add5(1, scale=10))
print(callable(add5), callable(Adder), callable("s"))
print(list(map(Adder(100), [1, 2])))
class NotCallable: pass
try:
    NotCallable()()
except TypeError as e:
    print("TypeError:", e)
