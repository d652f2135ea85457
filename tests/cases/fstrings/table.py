# A formatted table with computed widths.
rows = [("apples", 3, 0.5), ("bananas", 12, 0.25), ("cherries", 100, 0.1)]
print(f"{'item':<10}{'qty':>5}{'price':>8}")
total = 0.0
for r in rows:
    name, qty, price = r
    total += qty * price
    print(f"{name:<10}{qty:>5d}{price:>8.2f}")
print(f"{'total':<10}{'':>5}{total:>8.2f}")
