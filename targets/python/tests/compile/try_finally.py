def f(xs):
    for x in xs:
        try:
            if x:
                continue
            if x is None:
                break
            return x
        finally:
            cleanup()
    return None

def g():
    try:
        work()
    except (ValueError, TypeError) as e:
        raise RuntimeError("bad") from e
    except KeyError:
        return 1
    except:
        raise
    else:
        done()
