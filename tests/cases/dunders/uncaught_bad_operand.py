# Adding two instances without __add__ ends in an uncaught TypeError.
class Thing: pass
print("before")
Thing() + Thing()
print("not reached")
