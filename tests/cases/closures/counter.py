# nonlocal counters keep independent state.
def make_counter(start):
    n = start
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc

a = make_counter(0)
b = make_counter(100)
print(a(), a(), a(5), b(), a())
