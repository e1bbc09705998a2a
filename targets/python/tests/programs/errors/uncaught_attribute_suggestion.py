# CPython 3.11 suggests a close attribute name in the traceback's last line.
class Account:
    def __init__(self):
        self.balance = 10
a = Account()
print(a.balance)
print(a.balanse)
