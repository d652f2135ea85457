# Bound methods remember their instance; unbound functions take self explicitly.
class Greeter:
    def __init__(self, greeting):
        self.greeting = greeting
    def greet(self, who):
        return self.greeting + ", " + who

hi = Greeter("hi").greet
yo = Greeter("yo").greet
print(hi("a"), yo("b"))
print(list(map(Greeter("hey").greet, ["x", "y"])))
print(Greeter.greet(Greeter("sup"), "z"))
fns = [hi, yo]
print([f("q") for f in fns])
print(Greeter("x").greet("y") == Greeter.greet(Greeter("x"), "y"))
