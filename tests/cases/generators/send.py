# send() delivers values into a paused generator; the first send must be None.
def averager():
    total, n = 0, 0
    avg = None
    while True:
        x = yield avg
        total += x
        n += 1
        avg = total / n
g = averager()
print(next(g))
print(g.send(10), g.send(20), g.send(60))
g2 = averager()
try:
    g2.send(5)
except TypeError as e:
    print("TypeError:", e)
def echo():
    r = yield "ready"
    while True:
        r = yield "echo " + str(r)
e = echo()
print(e.send(None), e.send(1), e.send("x"))
