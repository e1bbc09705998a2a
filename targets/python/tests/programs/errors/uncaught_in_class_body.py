# An error raised while a class body runs.
class Config:
    name = "cfg"
    size = len(name)
    bad = name + 1
