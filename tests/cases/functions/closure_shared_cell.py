# Two closures sharing the same cell see each other's updates.
def pair():
    val = 0
    def get():
        return val
    def put(v):
        nonlocal val
        val = v
    return get, put

get, put = pair()
print(get())
put(42)
print(get())
put([1, 2])
print(get())

def accum():
    items = []
    def add(x):
        items.append(x)
        return len(items)
    return add, items
add, items = accum()
add("a"); add("b")
print(items)
