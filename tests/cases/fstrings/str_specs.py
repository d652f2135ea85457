# String alignment specs and conversions.
s = "abc"
print(f"[{s:>10}]", f"[{s:<10}]", f"[{s:^9}]", f"[{s:*^9}]")
print(f"[{s!r}]", f"[{s!s}]")
print(f"{'x'!r} {1.5!r} {[1, 'a']!r}")
print(f"[{s:10}]", f"[{7:10}]")
