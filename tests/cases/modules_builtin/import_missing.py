# Importing a nonexistent module raises ImportError (ModuleNotFoundError) with CPython's message.
try:
    import no_such_module_xyz
except ImportError as e:
    print(type(e).__name__, e)
try:
    from math import no_such_name
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
