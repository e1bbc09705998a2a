# An exception in __init__ aborts construction; partially-made objects are gone.
class Conn:
    made = 0
    def __init__(self, ok):
        Conn.made += 1
        if not ok:
            raise ConnectionError("refused")
        self.open = True
conns = []
for ok in [True, False, True]:
    try:
        conns.append(Conn(ok))
    except ConnectionError as e:
        print("ConnectionError:", e)
print(len(conns), Conn.made, issubclass(ConnectionError, OSError))
