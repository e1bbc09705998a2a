# An uncaught exception raised while handling another prints both tracebacks.
def load(d):
    try:
        return d["config"]
    except KeyError:
        raise RuntimeError("no config")
print("start")
load({})
