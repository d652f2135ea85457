# When both sides return NotImplemented, == falls back to identity and < raises TypeError.
class A:
    def __eq__(self, o): return NotImplemented
    def __lt__(self, o): return NotImplemented
a = A()
print(a == a, a == A(), a != A())
try:
    a < A()
except TypeError as e:
    print("TypeError:", e)
try:
    a < 1
except TypeError as e:
    print("TypeError:", e)
try:
    1 < a
except TypeError as e:
    print("TypeError:", e)
