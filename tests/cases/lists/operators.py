# +, *, in, equality and ordering.
a = [1, 2]
b = [3]
print(a + b, a * 3, [0] * 5, 2 * b)
print(2 in a, 5 in a, 5 not in a)
print(a == [1, 2], a != [1, 2], a == b, [] == [])
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9])
print([[1, 2], [3]] == [[1, 2], [3]])
