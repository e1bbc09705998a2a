# A small task scheduler in the spirit of richards: a work task sends packets through two
# handlers to two devices and back; the devices hold after each packet until the idle task,
# which runs only when nothing else can, releases them; the idle task counts down to the end.
class Packet:
    def __init__(self, ident):
        self.ident = ident
        self.link = None
        self.dest = 0
        self.data = [0] * 4
        self.hops = 0


def append(queue, packet):
    packet.link = None
    if queue is None:
        return packet
    p = queue
    while p.link is not None:
        p = p.link
    p.link = packet
    return queue


class Task:
    def __init__(self, ident, priority, scheduler):
        self.ident = ident
        self.priority = priority
        self.scheduler = scheduler
        self.queue = None
        self.held = False
        self.runs = 0

    def runnable(self):
        return not self.held and (self.queue is not None or self.always_ready)

    def take(self):
        p = self.queue
        if p is not None:
            self.queue = p.link
            p.link = None
        return p


class IdleTask(Task):
    always_ready = True

    def __init__(self, ident, scheduler, count):
        super().__init__(ident, 0, scheduler)
        self.count = count
        self.seed = 1

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return False
        if self.seed & 1 == 0:
            self.seed >>= 1
            self.scheduler.release(4)
        else:
            self.seed = (self.seed >> 1) ^ 0xD008
            self.scheduler.release(5)
        return True


class WorkTask(Task):
    always_ready = False

    def __init__(self, ident, scheduler):
        super().__init__(ident, 1000, scheduler)
        self.turn = 2
        self.letter = 0

    def run(self, packet):
        self.turn = 3 if self.turn == 2 else 2
        for i in range(4):
            self.letter = (self.letter + 1) % 26
            packet.data[i] = self.letter
        self.scheduler.send(packet, self.turn)
        return True


class HandlerTask(Task):
    always_ready = False

    def __init__(self, ident, scheduler, device):
        super().__init__(ident, 2000 + ident, scheduler)
        self.device = device
        self.checksum = 0

    def run(self, packet):
        self.checksum = (self.checksum * 31 + sum(packet.data) + packet.ident) % 1000003
        packet.data.reverse()
        self.scheduler.send(packet, self.device)
        return True


class DeviceTask(Task):
    always_ready = False

    def __init__(self, ident, scheduler):
        super().__init__(ident, 4000 + ident, scheduler)
        self.done = 0

    def run(self, packet):
        self.done += 1
        self.held = True
        self.scheduler.send(packet, 1)
        return True


class Scheduler:
    def __init__(self):
        self.tasks = {}
        self.order = []
        self.switches = 0

    def add(self, task):
        self.tasks[task.ident] = task
        self.order.append(task)
        self.order.sort(key=lambda t: -t.priority)

    def release(self, ident):
        self.tasks[ident].held = False

    def send(self, packet, dest):
        packet.dest = dest
        packet.hops += 1
        target = self.tasks[dest]
        target.queue = append(target.queue, packet)

    def schedule(self):
        while True:
            task = None
            for t in self.order:
                if t.runnable():
                    task = t
                    break
            if task is None:
                return "deadlock"
            task.runs += 1
            self.switches += 1
            if not task.run(task.take()):
                return "finished"


s = Scheduler()
s.add(IdleTask(0, s, 300))
s.add(WorkTask(1, s))
s.add(HandlerTask(2, s, 4))
s.add(HandlerTask(3, s, 5))
s.add(DeviceTask(4, s))
s.add(DeviceTask(5, s))
packets = [Packet(i) for i in range(3)]
for p in packets:
    s.send(p, 1)
print(s.schedule())
for t in s.order:
    print(type(t).__name__, t.ident, "runs", t.runs, getattr(t, "checksum", "-"), getattr(t, "done", "-"))
print("switches", s.switches, "hops", [p.hops for p in packets])
