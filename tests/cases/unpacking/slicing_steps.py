# Slicing with positive/negative steps and out-of-range bounds on list, str, tuple, range.
s = "abcdefghij"
L = list(range(10))
t = tuple(L)
for sl in [slice(None, None, 2), slice(None, None, -1), slice(1, 8, 3), slice(8, 1, -2),
           slice(-3, None), slice(None, -3), slice(-100, 100), slice(5, 2), slice(None, None, -3),
           slice(-1, -8, -2), slice(2, -2)]:
    print(s[sl], L[sl], t[sl] == tuple(L[sl]))
print(list(range(20)[3:15:4]), range(10)[::-1][:3] == range(9, 6, -1))
print(s[::-1][::-1] == s, s[100:], L[-1:-1])
print("hello"[1:-1:1], "hello"[4:0:-1])
