# bytearray editing: slices with steps, deletion, insert/pop/remove/reverse/clear/copy, and errors.
ba = bytearray(b"0123456789")
ba[::2] = b"abcde"
print(ba)
del ba[1::3]
print(ba)
ba[2:2] = [65, 66]
ba[-1:] = bytearray(b"Z")
print(ba, len(ba))
ba[:] = b""
print(ba, len(ba))
ba.extend(b"hello")
ba.insert(-1, 33)
ba.insert(100, 63)
ba.insert(-100, 62)
print(ba, ba.pop(), ba.pop(-2), ba)
c = ba.copy()
c.reverse()
print(c, ba, c is ba)
ba.clear()
print(ba, bytearray(b"ab") * 2, 2 * bytearray(b"c"))
x = bytearray(b"aaa")
x += bytearray(b"b")
y = x
y += b"c"
print(x, x is y)
bad = [
    lambda: bytearray().pop(),
    lambda: bytearray(b"a").pop(5),
    lambda: bytearray(b"a").remove(98),
    lambda: bytearray(b"a").insert(0, 300),
    lambda: bytearray(b"a").insert("0", 1),
]
def assign(k, v):
    b = bytearray(b"abc")
    b[k] = v
def delete(k):
    b = bytearray(b"abc")
    del b[k]
bad += [
    lambda: assign(slice(None, None, 2), b"x"),
    lambda: assign(slice(0, 1), 5),
    lambda: assign(slice(0, 1), "s"),
    lambda: assign(slice(0, 1), [1, 256]),
    lambda: assign(1, -1),
    lambda: assign(3, 1),
    lambda: delete(7),
    lambda: delete(slice(0, 1.5)),
]
for f in bad:
    try:
        print(f())
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
