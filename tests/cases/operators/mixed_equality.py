# Equality across types never raises; ordering across types does.
print(1 == "1", [] == (), None == 0, "a" == ["a"])
print(1 != "1", {} != [])
try:
    print(1 < "1")
except TypeError as e:
    print(e)
try:
    print([1] < (1,))
except TypeError as e:
    print(e)
