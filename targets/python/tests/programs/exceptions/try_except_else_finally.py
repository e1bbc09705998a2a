# The order of try / except / else / finally blocks.
def run(kind):
    log = []
    try:
        log.append("try")
        if kind == "value":
            raise ValueError("v")
        if kind == "key":
            raise KeyError("k")
        if kind == "return":
            return log + ["returned"]
    except ValueError as e:
        log.append("except ValueError " + str(e))
    except (KeyError, IndexError) as e:
        log.append("except tuple " + type(e).__name__)
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
for k in ["none", "value", "key", "return"]:
    print(k, run(k))
def nested():
    try:
        try:
            raise TypeError("inner")
        finally:
            print("inner finally")
    except TypeError as e:
        print("outer caught", e)
nested()
