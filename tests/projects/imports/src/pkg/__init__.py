from .sub import twice
VALUE = twice(50)
print("pkg init")
