# __contains__ drives `in` and `not in`; its result is coerced to bool.
class Evens:
    def __contains__(self, x):
        return x % 2 == 0
class Weird:
    def __contains__(self, x):
        return [x]
e = Evens()
print(4 in e, 3 in e, 3 not in e)
print(1 in Weird(), 0 not in Weird())
class ViaIter:
    def __iter__(self):
        return iter([1, 2, 3])
print(2 in ViaIter(), 5 in ViaIter())
