# User exceptions carrying data and methods, re-raised and inspected.
class HTTPError(Exception):
    def __init__(self, status, msg="error"):
        super().__init__(status, msg)
        self.status = status
    def is_client(self):
        return 400 <= self.status < 500
errs = []
for s in [404, 500, 418]:
    try:
        raise HTTPError(s, "msg" + str(s))
    except HTTPError as e:
        errs.append(e)
for e in errs:
    print(e.status, e.is_client(), e.args)
class Silent(Exception):
    pass
e = Silent()
print(e.args, str(e) == "", len(str(Silent("a", "b"))))
