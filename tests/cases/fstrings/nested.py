# Nested quotes, calls and dynamic width inside f-strings.
items = ["a", "b", "c"]
w = 6
print(f"{len(items)} items: {', '.join(items)}")
print(f"[{'x':>{w}}]", f"[{3.14159:.{2}f}]")
d = {"k": 5}
print(f"{d['k'] * 2}", f"{items[-1].upper()}")
print(f"{'yes' if w > 3 else 'no'}")
