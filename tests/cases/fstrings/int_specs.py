# Integer format specs: width, zero padding, hex, thousands separators.
x = 42
print(f"[{x:5d}]", f"[{x:<5d}]", f"[{x:^7d}]", f"[{-x:5d}]")
print(f"[{x:05d}]", f"[{255:08x}]", f"[{255:x}]", f"[{255:X}]")
print(f"[{1234567:,}]", f"[{-9876543210:,}]", f"[{12:,}]")
print(f"[{x:+d}]", f"[{x:b}]", f"[{x:o}]")
print(f"[{2 ** 70:,}]")
