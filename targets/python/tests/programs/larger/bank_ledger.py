# A ledger of accounts and transfers with exceptions for invalid operations.
class InsufficientFunds(Exception):
    pass
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("in", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds("%s has %d, needs %d" % (self.owner, self.balance, amount))
        self.balance -= amount
        self.history.append(("out", amount))
    def __repr__(self):
        return "Account(%s, %d)" % (self.owner, self.balance)
class Bank:
    def __init__(self):
        self.accounts = {}
        self.failed = 0
    def open(self, owner, balance=0):
        self.accounts[owner] = Account(owner, balance)
    def transfer(self, a, b, amount):
        src, dst = self.accounts[a], self.accounts[b]
        try:
            src.withdraw(amount)
        except InsufficientFunds as e:
            self.failed += 1
            return str(e)
        dst.deposit(amount)
        return "ok"
bank = Bank()
for name, bal in [("ann", 100), ("bob", 50), ("cy", 0)]:
    bank.open(name, bal)
ops = [("ann", "bob", 30), ("bob", "cy", 100), ("bob", "cy", 80), ("cy", "ann", 10), ("ann", "cy", 71)]
for op in ops:
    print(op, bank.transfer(*op))
print(sorted(bank.accounts.values(), key=lambda a: a.owner), bank.failed)
print(bank.accounts["cy"].history)
print(sum(a.balance for a in bank.accounts.values()))
try:
    bank.accounts["ann"].deposit(-5)
except ValueError as e:
    print("ValueError:", e)
