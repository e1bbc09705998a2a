# Single inheritance: overriding, super(), isinstance/issubclass.
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "%s says %s" % (self.name, self.sound)
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def kind(self):
        return "dog, a kind of " + super().kind()
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + " (age %d)" % self.age
for a in [Animal("generic"), Dog("rex"), Puppy("bit", 1)]:
    print(a.speak(), "|", a.kind())
print(isinstance(Puppy("x", 2), Animal), issubclass(Puppy, Dog), issubclass(Dog, Puppy))
print(Puppy.__bases__[0].__name__, Puppy.__mro__[1].__name__)
print([c.__name__ for c in Puppy.__mro__])
print(issubclass(Dog, object), isinstance(3, object))
