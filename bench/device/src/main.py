# Timed on the device itself with ticks_us: under QEMU -icount shift=0 one
# microsecond of virtual time is 1000 instructions; under rp2040js it is
# 125 cycles of the simulated 125 MHz clock.
import time


def loop(n):
    t = 0
    for i in range(n):
        t += i
    return t


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


t0 = time.ticks_us()
loop(10000)
t1 = time.ticks_us()
fib(15)
t2 = time.ticks_us()
print("loop", time.ticks_diff(t1, t0))
print("fib", time.ticks_diff(t2, t1))
