# Class-level counters, instance ids given by the class, and __del__-free bookkeeping.
class Ticket:
    next_id = 1
    issued = []
    def __init__(self, holder):
        self.id = Ticket.next_id
        Ticket.next_id += 1
        self.holder = holder
        Ticket.issued.append(self)
    def __repr__(self):
        return "#%d:%s" % (self.id, self.holder)
    @classmethod
    def by_holder(cls, name):
        return [t for t in cls.issued if t.holder == name]
for n in ["ann", "bob", "ann", "cy", "ann"]:
    Ticket(n)
print(Ticket.issued, Ticket.by_holder("ann"), Ticket.next_id)
