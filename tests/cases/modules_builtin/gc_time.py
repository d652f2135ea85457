# gc.collect() and time.sleep(0) run without visible effect; only deterministic results are printed.
import gc
import time
class Node:
    def __init__(self):
        self.ref = self
for _ in range(100):
    Node()
r = gc.collect()
print(type(r).__name__, r >= 0)
print(time.sleep(0))
t1 = time.time()
t2 = time.time()
print(t2 >= t1, type(t1).__name__)
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
