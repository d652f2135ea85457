# A handler that re-raises leaves the exception uncaught.
try:
    [][0]
except IndexError:
    print("handling, then re-raising")
    raise
