# Class bodies run once, top to bottom; names in them are class attributes.
print("before class")
class Config:
    print("class body runs")
    base = 10
    double = base * 2
    items = [i * 2 for i in range(base, base + 3)]
    def method(self):
        return self.double
    if base > 5:
        flag = "big"
    else:
        flag = "small"
    del base
print("after class")
print(Config.double, Config.items, Config.flag, hasattr(Config, "base"), Config().method())
x = "global x"
class Scope:
    x = "class x"
    def get(self):
        return x
    y = x
print(Scope().get(), Scope.y)
