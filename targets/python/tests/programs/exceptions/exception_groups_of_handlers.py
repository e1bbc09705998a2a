# One try with many handlers: the first matching one in order wins.
def classify(f):
    try:
        f()
    except ZeroDivisionError:
        return "zero division"
    except ArithmeticError:
        return "other arithmetic"
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__
    except LookupError:
        return "other lookup"
    except Exception as e:
        return "generic " + type(e).__name__
    return "no error"
print(classify(lambda: 1 / 0))
print(classify(lambda: 2.0 ** 5000))
print(classify(lambda: [][0]))
print(classify(lambda: {}[0]))
print(classify(lambda: "abc".encode("ascii").decode("utf-16")))
print(classify(lambda: None))
print(classify(lambda: int("x")))
