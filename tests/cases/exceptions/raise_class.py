# Raising a class instead of an instance, and catching NameError.
try:
    raise ValueError
except ValueError as e:
    print("class raised", repr(e), e.args)
try:
    print(not_defined_anywhere)
except NameError as e:
    print(e)
try:
    x = None
    x.attr
except AttributeError as e:
    print(e)
