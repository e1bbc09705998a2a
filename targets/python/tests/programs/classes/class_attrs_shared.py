# Class attributes are shared until an instance shadows them; mutable class attributes.
class Bag:
    items = []
    count = 0
    def add(self, x):
        self.items.append(x)
        self.count += 1
a, b = Bag(), Bag()
a.add(1); b.add(2); a.add(3)
print(Bag.items, a.count, b.count, Bag.count)
print("count" in vars(a), "items" in vars(a))
Bag.count = 100
print(a.count, Bag().count)
class Config:
    debug = False
    level = 1
class Dev(Config):
    debug = True
print(Config.debug, Dev.debug, Dev.level)
Config.level = 2
print(Dev.level)
print(sorted(k for k in vars(Dev) if not k.startswith("__")))
