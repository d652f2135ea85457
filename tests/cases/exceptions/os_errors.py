# uncaught: the OSError family: subclasses, the IOError alias, raising and catching.
for cls in [FileNotFoundError, FileExistsError, PermissionError, IsADirectoryError,
            NotADirectoryError, TimeoutError, ConnectionError]:
    print(cls.__name__, issubclass(cls, OSError), issubclass(cls, Exception), issubclass(cls, ValueError))
print(IOError is OSError, issubclass(FileNotFoundError, IOError))
def open_config(name):
    raise FileNotFoundError("no such file: " + name)
try:
    open_config("app.cfg")
except OSError as e:
    print(type(e).__name__, e, e.args, isinstance(e, FileNotFoundError))
try:
    raise PermissionError("denied")
except (FileNotFoundError, PermissionError) as e:
    print("caught", repr(e))
try:
    raise TimeoutError
except IOError as e:
    print("timeout is an OSError:", type(e).__name__)
raise FileExistsError("already there")
