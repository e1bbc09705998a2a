# A syntax error far into a file reports its own line.
def ok1():
    return 1


def ok2():
    return [i for i in range(3)]


class Fine:
    def m(self):
        return {"a": 1}


value = ok1() + ok2()[0]
result = value ** ** 2
