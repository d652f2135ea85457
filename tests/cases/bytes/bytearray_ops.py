# bytearray mutation: append, extend, item and slice assignment, pop, insert, remove, reverse.
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba.extend([103, 104])
print(ba, len(ba))
ba[0] = 65
ba[1:3] = b"BBBB"
print(ba)
print(ba.pop(), ba.pop(0), ba)
ba.insert(0, 122)
ba.remove(ord("e"))
ba.reverse()
print(ba, bytes(ba), ba.decode())
del ba[0:2]
print(ba, ba[0], ba[-2:])
ba += b"!!"
print(ba, ba.count(b"!"), ba.find(b"B"), ba.upper())
print(bytearray(4), bytearray([1, 2]), bytearray("x", "ascii"))
try:
    ba.append(256)
except ValueError as e:
    print("ValueError:", e)
print(ba == bytes(ba), type(ba + b"x").__name__, type(b"x" + ba).__name__)
