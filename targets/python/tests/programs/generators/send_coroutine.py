# Generators as coroutines: a running average and a simple parser state machine.
def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
next(a)
print([a.send(v) for v in [10, 20, 30, 5]])
def tokenizer():
    tokens = []
    word = ""
    while True:
        c = yield tokens
        if c is None:
            if word:
                tokens.append(word)
            return
        if c.isalnum():
            word += c
        else:
            if word:
                tokens.append(word)
                word = ""
            if not c.isspace():
                tokens.append(c)
t = tokenizer()
next(t)
for c in "x1 = (y+42)*z":
    out = t.send(c)
print(out)
