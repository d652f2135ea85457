# Raising an exception class instantiates it; raising a non-exception is a TypeError.
class Oops(Exception): pass
try:
    raise Oops
except Oops as e:
    print(type(e).__name__, e.args)
try:
    raise 42
except TypeError as e:
    print("TypeError:", e)
class NotExc: pass
try:
    raise NotExc()
except TypeError as e:
    print("TypeError:", e)
try:
    try:
        raise Oops("inner")
    except Oops:
        raise ValueError("outer")
except ValueError as e:
    print(e, type(e.__context__).__name__, e.__context__)
