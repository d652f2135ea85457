# __exit__ receives the exception type and value; raising in __exit__ replaces the exception.
class Inspect:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("type:", t.__name__ if t else t, "value:", repr(v))
        return False
with Inspect():
    pass
try:
    with Inspect():
        raise IndexError("idx")
except IndexError:
    print("propagated")
class Replace:
    def __enter__(self): return self
    def __exit__(self, t, v, tb):
        raise RuntimeError("from exit")
try:
    with Replace():
        raise ValueError("orig")
except RuntimeError as e:
    print(e, "| context:", repr(e.__context__))
class EnterFails:
    def __enter__(self): raise OSError("no enter")
    def __exit__(self, *a):
        print("never")
try:
    with EnterFails():
        print("never body")
except OSError as e:
    print("OSError:", e)
