# Lexicographic comparison of lists/tuples/strings and equality across types.
print([1, 2] == [1, 2], [1, 2] == (1, 2), [1, 2] != [2, 1], [] < [0], [1, [2]] < [1, [3]])
print((1, 2, 3) > (1, 2), "abc" > "ab", [2] > [1, 100], [[1]] == [[1]], [1.0] == [1])
print(max([[1, 2], [1, 3], [0, 9]]), min(["b", "ab", "abc"]), sorted([[2], [1, 5], [1]]))
try:
    [1] < ["a"]
except TypeError as e:
    print("TypeError:", e)
