# raise ... from, __cause__, __context__, and the chained traceback text.
class AppError(Exception):
    pass
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise AppError("bad number: " + s) from e
try:
    parse("x1")
except AppError as e:
    print("AppError:", e)
    print("cause:", type(e.__cause__).__name__, e.__cause__)
    print("suppress:", e.__suppress_context__)
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("while handling")
except RuntimeError as e:
    print("context:", type(e.__context__).__name__, e.__context__, e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("clean") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
parse("oops")
