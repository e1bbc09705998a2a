# Closures created in loops and methods; cell contents seen after changes.
def make():
    handlers = {}
    for name in ["a", "b", "c"]:
        def h(name=name):
            return "handler " + name
        handlers[name] = h
    return handlers
hs = make()
print([hs[k]() for k in "abc"])
def watch():
    value = [0]
    def get():
        return value[0]
    def set_(v):
        value[0] = v
    return get, set_
g, s = watch()
s(5)
print(g())
s(g() * 3)
print(g())
class Button:
    def __init__(self, label):
        self.label = label
        self.clicks = 0
    def handler(self):
        def on_click():
            self.clicks += 1
            return "%s clicked %d" % (self.label, self.clicks)
        return on_click
b = Button("ok")
h = b.handler()
print(h(), h(), b.clicks)
