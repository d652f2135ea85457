# User exceptions with custom __str__, and str() of exceptions with 0, 1 and 2 args.
class E(Exception):
    def __str__(self):
        return "custom: " + ",".join(map(str, self.args))
try:
    raise E(1, 2)
except E as e:
    print(e)
    print(repr(e))
print(str(Exception()), "|", str(Exception("one")), "|", str(Exception("a", 2)))
print(repr(Exception()), repr(Exception("one")), repr(Exception("a", 2)))
print(repr(ValueError(3)), str(KeyError("k")), repr(KeyError("k")))
class WithMsg(Exception):
    def __init__(self, code):
        self.code = code
        super().__init__("code " + str(code))
try:
    raise WithMsg(404)
except Exception as e:
    print(e, e.code, e.args)
