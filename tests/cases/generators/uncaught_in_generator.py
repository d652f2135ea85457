# An exception escaping a generator propagates to the consumer and is uncaught.
def g():
    yield 1
    yield 1 // 0
for x in g():
    print(x)
