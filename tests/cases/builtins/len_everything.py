# len of every sized type.
print(len("abc"), len("héllo"), len([1, 2]), len((1,)), len({"a": 1, "b": 2}))
print(len(range(10)), len(range(0, 100, 7)), len(""), len([[]]))
print(len("日本語"), len(str(2 ** 100)))
