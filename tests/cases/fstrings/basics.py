# f-strings with plain fields and expressions.
name = "mpc"
n = 3
print(f"hello {name}")
print(f"{n} + {n} = {n + n}")
print(f"{name}{n}{name}")
print(f"")
print(f"{{literal braces}} {n}")
print(f"list {[1, 2]} tuple {(1, 2)} none {None}")
