# Float format specs.
pi = 3.14159265
print(f"{pi:.2f}", f"{pi:.0f}", f"{pi:8.3f}|", f"{-pi:.1f}")
print(f"{2.5:.0f}", f"{0.125:.2f}", f"{1e6:.1f}")
print(f"{1234567.891:,.2f}", f"{pi:>10.4f}|", f"{pi:<10.2f}|")
print(f"{0.5:.3f}", f"{100:.2f}")
