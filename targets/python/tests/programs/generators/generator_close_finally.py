# Closing a generator runs its finally blocks; GeneratorExit can be observed.
log = []
def worker():
    try:
        while True:
            x = yield
            log.append(x)
    except GeneratorExit:
        log.append("GeneratorExit")
        raise
    finally:
        log.append("finally")
w = worker()
next(w)
w.send(1)
w.send(2)
w.close()
print(log)
w.close()
print(log)
def refuses():
    try:
        yield 1
    except GeneratorExit:
        yield 2
r = refuses()
next(r)
try:
    r.close()
except RuntimeError as e:
    print("RuntimeError:", e)
