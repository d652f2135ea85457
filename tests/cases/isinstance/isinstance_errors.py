# Invalid second arguments to isinstance/issubclass raise TypeError with CPython's message.
try:
    isinstance(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance(1, (int, 3))
except TypeError as e:
    print("TypeError: caught tuple case")
print(isinstance(1, (int, 3)))
