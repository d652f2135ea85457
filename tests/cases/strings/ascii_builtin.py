# ascii() and the !a / %a conversions escape non-ASCII characters.
print(ascii("plain"), ascii("caf\u00e9"), ascii("\u20ac and \U0001f600"), ascii(["x\xff", 1, ("\u0100",)]))
print(ascii(b"\xff"), ascii(3.5), ascii(None), ascii({"k\u00e9": "v"}))
print(f"{'caf' + chr(233)!a}", "{!a}".format("\u2603"), "%a" % "\u00fc", "%5a|" % "x")
class P:
    def __repr__(self):
        return "P(\u00e9)"
print(ascii(P()), repr(P()) == "P(\u00e9)")
