# Float printing uses the shortest repr that round-trips.
print(0.1 + 0.2)
print(1e16, 1e15, 1e-5, 2.5e-5)
print(1 / 3, 2 / 3)
print(-0.0, 0.0, -0.0 == 0.0)
print(1.5, 100.0, 123456789.0)
print(1e22, 1e100, 1.7976931348623157e308)
print(5e-324, 0.001, 0.0001)
