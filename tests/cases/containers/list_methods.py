# list insert/remove/index/count/extend/reverse/copy/clear/pop and aliasing.
L = [1, 2, 3]
L.insert(0, 0); L.insert(100, 99); L.insert(-1, 50); L.insert(-100, -1)
print(L)
L.remove(50)
print(L, L.index(2), L.index(99, 2), L.count(1), L.count(7))
L.extend(range(2)); L.extend("ab"); L.extend((9,))
print(L)
L.reverse()
print(L)
c = L.copy()
c.append("new")
print(len(L), len(c), L == c[:-1])
print(L.pop(), L.pop(0), L.pop(-2), L)
L.clear()
print(L, len(L))
a = [[0]] * 3
a[0].append(1)
print(a)
b = [[0] for _ in range(3)]
b[0].append(1)
print(b)
try:
    [1, 2].index(3)
except ValueError as e:
    print("ValueError:", e)
print([1, 2] * 2, [1] + [2], [3, 1] < [3, 2], [1, 2, 3][-2], list(range(3)) == [0, 1, 2])
