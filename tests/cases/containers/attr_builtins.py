# getattr with default, setattr/hasattr/delattr on instances, and dir() on a simple object.
class Cfg:
    debug = False
    def method(self):
        return 1
c = Cfg()
c.port = 80
print(getattr(c, "port"), getattr(c, "host", "localhost"), getattr(c, "debug"))
setattr(c, "host", "example")
print(c.host, hasattr(c, "host"), hasattr(c, "method"), hasattr(Cfg, "port"))
delattr(c, "host")
print(hasattr(c, "host"), getattr(c, "method")())
names = [n for n in dir(c) if not n.startswith("__")]
print(names)
print("append" in dir([]), "keys" in dir({}), "upper" in dir(""), "__init__" in dir(c))
print(getattr([1, 2], "count")(1), getattr("abc", "upper")())
