# print(*args) spreads a list or tuple.
xs = [1, 2, 3]
print(*xs)
print(*xs, sep=",")
print(*(4, 5), *"ab")
print("start", *[], "end")
