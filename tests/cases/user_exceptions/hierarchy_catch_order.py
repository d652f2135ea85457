# The first matching except clause wins; tuples of exception classes are accepted.
class Base(Exception): pass
class Mid(Base): pass
class Leaf(Mid): pass
def trial(cls):
    try:
        raise cls("x")
    except Leaf:
        return "Leaf handler"
    except (Mid, KeyError):
        return "Mid handler"
    except Base:
        return "Base handler"
    except Exception:
        return "generic"
for c in [Leaf, Mid, Base, KeyError, ValueError]:
    print(c.__name__, "->", trial(c))
