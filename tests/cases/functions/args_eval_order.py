# Arguments are evaluated left to right.
def trace(tag, value):
    print("eval", tag)
    return value

def three(a, b, c):
    return a + b + c

print(three(trace("a", 1), trace("b", 2), trace("c", 3)))
print(three(c=trace("c", "z"), a=trace("a", "x"), b=trace("b", "y")))
