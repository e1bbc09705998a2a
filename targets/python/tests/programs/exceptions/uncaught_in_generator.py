# A traceback through a generator and a method.
class Source:
    def items(self):
        for i in range(3):
            yield 10 // (2 - i)
s = Source()
for v in s.items():
    print(v)
