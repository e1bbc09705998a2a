def f(path):
    with open(path) as fh, lock:
        return fh.read()

def g():
    while True:
        with ctx() as (a, b):
            if a:
                break
