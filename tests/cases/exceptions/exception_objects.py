# Exception objects: args, str and repr with zero, one and two args.
for e in [ValueError(), ValueError("one"), ValueError("a", 2), KeyError("key"), Exception(3)]:
    print(repr(e), "|", str(e), "|", e.args)
err = RuntimeError("stored")
try:
    raise err
except RuntimeError as caught:
    print(caught is err)
