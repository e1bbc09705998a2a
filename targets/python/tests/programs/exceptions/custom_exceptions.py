# User exception classes with extra fields and hierarchies.
class BankError(Exception):
    pass
class Insufficient(BankError):
    def __init__(self, need, have):
        super().__init__("need %d, have %d" % (need, have))
        self.need, self.have = need, have
class Frozen(BankError):
    pass
def withdraw(balance, amount, frozen=False):
    if frozen:
        raise Frozen("account frozen")
    if amount > balance:
        raise Insufficient(amount, balance)
    return balance - amount
for args in [(100, 30), (10, 30), (100, 1, True)]:
    try:
        print("ok", withdraw(*args))
    except Insufficient as e:
        print("insufficient", e, e.need - e.have)
    except BankError as e:
        print("bank error", type(e).__name__, e)
print(issubclass(Insufficient, BankError), Insufficient.__mro__[2].__name__)
