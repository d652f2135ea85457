# Lambdas with defaults and closures.
add = lambda a, b=10: a + b
print(add(1), add(1, 2))
square = lambda x: x * x
print(square(12), (lambda: "no args")())
compose = lambda f, g: lambda x: f(g(x))
inc_then_square = compose(square, lambda x: x + 1)
print(inc_then_square(4))
