# Attributes of caught exceptions: args, __class__, __traceback__ presence, with_traceback.
try:
    raise KeyError("k", 2)
except KeyError as e:
    print(e.args, e.__class__.__name__, e.__traceback__ is not None, str(e))
try:
    raise OSError(2, "No such file or directory")
except OSError as e:
    print(e.errno, e.strerror, e.args)
e = ValueError("made")
print(e.__traceback__, e.__cause__, e.__context__)
try:
    try:
        raise e
    finally:
        pass
except ValueError as got:
    print(got is e, got.__traceback__ is not None)
class WithData(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    raise WithData(404, "not found")
except WithData as w:
    print(w.code, w, w.args)
