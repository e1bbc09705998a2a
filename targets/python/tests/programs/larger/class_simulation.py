# A class-heavy simulation: an ecosystem of animals on a grid with seeded randomness.
import random

class Animal:
    energy_gain = 0
    def __init__(self, world, x, y, energy):
        self.world = world
        self.x, self.y = x, y
        self.energy = energy
        self.alive = True
    def neighbours(self):
        w, h = self.world.w, self.world.h
        return [((self.x + dx) % w, (self.y + dy) % h) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))]
    def step(self):
        self.energy -= 1
        if self.energy <= 0:
            self.alive = False
            return
        self.move()
        self.eat()
        if self.energy > self.breed_at:
            self.energy //= 2
            self.world.spawn(type(self), self.x, self.y, self.energy)
    def move(self):
        self.x, self.y = self.world.rng.choice(self.neighbours())

class Rabbit(Animal):
    breed_at = 12
    def eat(self):
        if self.world.grass[self.y][self.x] > 0:
            self.world.grass[self.y][self.x] -= 1
            self.energy += 3

class Fox(Animal):
    breed_at = 30
    def eat(self):
        for other in self.world.at(self.x, self.y):
            if isinstance(other, Rabbit) and other.alive:
                other.alive = False
                self.energy += 8
                return

class World:
    def __init__(self, w, h, seed):
        self.w, self.h = w, h
        self.rng = random.Random(seed)
        self.grass = [[2] * w for _ in range(h)]
        self.animals = []
        self.born = []
    def spawn(self, cls, x, y, energy):
        self.born.append(cls(self, x, y, energy))
    def at(self, x, y):
        return [a for a in self.animals if a.x == x and a.y == y]
    def tick(self):
        for a in self.animals:
            if a.alive:
                a.step()
        self.animals = [a for a in self.animals if a.alive] + self.born
        self.born = []
        for row in self.grass:
            for i in range(len(row)):
                if row[i] < 3 and self.rng.random() < 0.1:
                    row[i] += 1
    def census(self):
        r = sum(1 for a in self.animals if isinstance(a, Rabbit))
        return r, len(self.animals) - r, sum(map(sum, self.grass))

world = World(12, 10, 2024)
for i in range(30):
    world.spawn(Rabbit, world.rng.randrange(12), world.rng.randrange(10), 8)
for i in range(4):
    world.spawn(Fox, world.rng.randrange(12), world.rng.randrange(10), 20)
world.animals, world.born = world.born, []
for t in range(40):
    world.tick()
    if t % 5 == 4:
        print("tick", t + 1, "rabbits, foxes, grass =", world.census())
