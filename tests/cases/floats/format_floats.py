# Float formatting: f/e/g/% specs, widths, signs, and str.format / %-format equivalents.
x = 1234.56789
print(f"{x:.2f}|{x:10.3f}|{x:<10.1f}|{x:^12.2f}|{x:+.0f}|{x:e}|{x:.3E}")
print(f"{x:g}|{0.00001234:g}|{1e20:g}|{x:.3g}|{100.0:g}|{0.5:%}|{0.125:.1%}")
print(f"{x:,.2f}|{-x:012.2f}|{x:_.1f}|{3.0:.0f}|{2.5:.0f}|{3.5:.0f}")
print("%.3f %e %g %10.2f %-8.1f| %+d %5.1f%%" % (x, x, x, x, x, 5, 12.345))
print("{:.4} {:.1e} {!r} {!s}".format(x, x, 0.1, 0.1))
print(format(0.1, ".20f"), format(1e100, ".3e"), format(float("inf"), "f"), format(-0.0, "f"))
print(str(1e-7), str(123456789012345678.0), f"{1e-7}", f"{12.0}")
