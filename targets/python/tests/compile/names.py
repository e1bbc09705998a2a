class Account:
    __count = 0

    def __init__(self, __owner, *, __pin=0):
        self.__owner = __owner
        Account.__count += 1

    def peek(self):
        return self.__owner, self.__dict__

def outer():
    global helper

    def helper():
        pass

def f():
    try:
        pass
    finally:
        g = lambda: 1

print(sum(x for x in range(3)))
