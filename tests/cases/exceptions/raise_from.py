# raise ... from sets __cause__; from None suppresses context; implicit __context__ is kept.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("parse failed") from e
try:
    parse("x")
except RuntimeError as e:
    print(e, "| cause:", type(e.__cause__).__name__, e.__cause__)
    print(e.__suppress_context__, type(e.__context__).__name__)
try:
    try:
        {}["k"]
    except KeyError:
        raise ValueError("clean") from None
except ValueError as e:
    print(e, e.__cause__, e.__suppress_context__, repr(e.__context__))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("implicit")
except TypeError as e:
    print(e.__cause__, type(e.__context__).__name__)
e = ValueError("fresh")
print(e.__cause__, e.__context__, e.__suppress_context__)
