# A class's __format__ receives the spec from f-strings, str.format and
# format(); without one, an empty spec gives str() and any other spec is
# a TypeError.


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        if not spec:
            return str(self)
        if spec.endswith("c"):
            return format(self.cents, spec[:-1] + "d") + "c"
        return format(self.cents / 100, spec) + " EUR"

    def __str__(self):
        return "Money(%d)" % self.cents


class Tip(Money):
    pass


class Plain:
    def __str__(self):
        return "plain"


class Bad:
    def __format__(self, spec):
        return len(spec)


m = Money(123456)
print(f"{m}|{m:.2f}|{m:>14,.2f}|{m:08c}")
print("{0}|{0:.1f}|{0:>12.3f}|{1:.2f}".format(m, Tip(1)))
print(format(m), format(m, ".0f"), format(Tip(5), ".2f"), f"{Tip(7):c}")
print([f"{Money(c):.2f}" for c in (0, 1, 99, 100, -250)])
print(f"{Plain()}", format(Plain()), "{}".format(Plain()), f"{Plain()!s:>8}", f"{Plain()!r:.8}")
try:
    f"{Plain():>8}"
except TypeError as e:
    print("TypeError:", e)
try:
    format(Bad(), "x")
except TypeError as e:
    print("TypeError:", e)
