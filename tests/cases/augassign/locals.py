# Every augmented operator on a local.
def run():
    x = 100
    x += 5
    print(x)
    x -= 10
    print(x)
    x *= 3
    print(x)
    x //= 7
    print(x)
    x %= 9
    print(x)
    x **= 3
    print(x)
    x <<= 4
    print(x)
    x >>= 2
    print(x)
    x &= 0xff
    print(x)
    x |= 0x100
    print(x)
    x ^= 0x1ff
    print(x)
    x /= 4
    print(x)

run()
