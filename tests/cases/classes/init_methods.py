# __init__ sets instance attributes; methods read and mutate them.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
    def deposit(self, amt):
        self.balance += amt
        return self
    def describe(self):
        return self.owner + ": " + str(self.balance)

a = Account("ann")
b = Account("bob", 50)
a.deposit(10).deposit(5)
print(a.describe(), b.describe())
print(a.balance, b.owner)
a.nickname = "annie"
print(a.nickname)
print(type(a).__name__, type(a))
m = a.deposit
m(1)
print(a.balance)
print(Account.describe(b))
