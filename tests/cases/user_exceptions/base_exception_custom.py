# Exceptions deriving from BaseException bypass `except Exception`.
class Halt(BaseException): pass
def run():
    try:
        raise Halt("stop")
    except Exception:
        return "caught by Exception"
try:
    print(run())
except Halt as h:
    print("caught Halt", h)
try:
    raise Halt
except BaseException as b:
    print(type(b).__name__, isinstance(b, Exception))
