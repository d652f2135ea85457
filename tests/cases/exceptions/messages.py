# Messages of common built-in errors match CPython.
def show(thunk):
    try:
        thunk()
    except Exception as e:
        print(type(e), e)

show(lambda: int("x"))
show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 5 % 0)
show(lambda: [][1])
show(lambda: {}["k"])
show(lambda: None + 1)
show(lambda: undefined_name)
show(lambda: "a" + 1)
show(lambda: 1 + "a")
show(lambda: (1, 2)[5])
show(lambda: "abc"[10])
show(lambda: int("12z", 16))
show(lambda: float("nope"))
