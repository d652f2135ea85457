# Infinity from float('inf'), and comparisons with it.
inf = float('inf')
print(inf, -inf)
print(inf > 1e308, -inf < -1e308)
print(inf + 1, inf * -2)
print(float('-inf'), float('inf') == float('inf'))
print(1 / inf, -1 / inf)
