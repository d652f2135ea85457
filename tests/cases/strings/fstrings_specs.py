# f-strings with full format specs, conversions, nested fields, expressions and '=' self-documenting.
x, n, v, s = 3.14159, 255, "it's", "hi"
print(f"{x:>8.3f}|{n:08x}|{v!r}|{s:^6}|{n:#06b}|{-n:+}|{n:,}|{x:.2e}")
width, prec = 10, 2
print(f"{x:{width}.{prec}f}|{s:{'>'}{width}}|{n:{'x' if n else 'd'}}")
print(f"{n * 2} {[i for i in range(3)]} {'a' + 'b'} {len(s)} {s.upper()!r}")
print(f"{x=}", f"{n = }", f"{s=!s}", f"{x=:.1f}")
d = {"k": [1, 2]}
print(f"{d['k'][1]} {d} {{braces}} {n!s:>5} {n!a}")
print(f"{'nested ' + f'{n:x}'}", f"{True:>6}", f"{None!r}", f"{3:3}|{'3':3}|")
print(f"{1_000_000:_}", f"{0.5:.0%}", f"{-0.0:+.1f}", f"{12:<4d}|", f"{-12:=6d}")
