# Single inheritance: overriding, inherited methods, and calling base methods explicitly.
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " says " + self.sound
    def kind(self):
        return "animal"

class Dog(Animal):
    sound = "woof"
    def kind(self):
        return "dog, an " + Animal.kind(self)

class Puppy(Dog):
    def speak(self):
        return Dog.speak(self) + " (squeaky)"

for a in [Animal("x"), Dog("rex"), Puppy("bit")]:
    print(a.speak(), "|", a.kind())
print(isinstance(Puppy("p"), Animal), issubclass(Dog, Puppy))
print(Puppy.__bases__[0].__name__, Dog.__name__)
