# Conditional expressions: nesting, short-circuiting, and precedence with lambda.
def side(v):
    print("eval", v)
    return v
for x in [-5, 0, 5]:
    print("neg" if x < 0 else "zero" if x == 0 else "pos")
print(side(1) if True else side(2))
print(side(1) if False else side(2))
f = lambda n: "even" if n % 2 == 0 else "odd"
print([f(i) for i in range(4)])
print((1 if [] else 2) + 10)
print([] or "default", 0 and "never", "a" and "b", None or 0 or "")
