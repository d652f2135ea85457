# Generators that build temporaries deeper on their value stack than where
# they yield: the popped slots must not keep dead objects in the suspended
# frame (the collector scans a suspended generator whole).


def parse(lines):
    for line in lines:
        record = (len(line), float(line[2:-1]), line[:2])
        yield record


def widths(n):
    for i in range(n):
        x = len([i, i]) + len([i, i, i]) + len([i] * 4)
        y = x / 2
        yield y


def joined(parts):
    for p in parts:
        yield "-".join([p.upper(), p[::-1], str(len(p) * 1.5)])


print(list(parse(["ab12.5x", "cd7.25y", "ef0.5z", "gh100z"])))
print(list(widths(4)))
print(list(joined(["ab", "cde", "f"])))
print(sum(r[1] for r in parse(["zz%d.5!" % i for i in range(10)])))
