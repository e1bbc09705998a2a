# A small stack-machine interpreter written in Python: assemble, then run programs.
def assemble(text):
    code, labels = [], {}
    for line in text.strip().split("\n"):
        line = line.split(";")[0].strip()
        if not line:
            continue
        if line.endswith(":"):
            labels[line[:-1]] = len(code)
            continue
        parts = line.split()
        code.append([parts[0]] + parts[1:])
    for ins in code:
        if ins[0] in ("jmp", "jz") :
            ins[1] = labels[ins[1]]
        elif ins[0] == "push":
            ins[1] = int(ins[1])
    return code
def run(code):
    stack, pc, out, steps = [], 0, [], 0
    env = {}
    while pc < len(code):
        op = code[pc]
        steps += 1
        pc += 1
        name = op[0]
        if name == "push":
            stack.append(op[1])
        elif name == "load":
            stack.append(env[op[1]])
        elif name == "store":
            env[op[1]] = stack.pop()
        elif name == "add":
            b = stack.pop(); stack.append(stack.pop() + b)
        elif name == "sub":
            b = stack.pop(); stack.append(stack.pop() - b)
        elif name == "mul":
            b = stack.pop(); stack.append(stack.pop() * b)
        elif name == "mod":
            b = stack.pop(); stack.append(stack.pop() % b)
        elif name == "jz":
            if stack.pop() == 0:
                pc = op[1]
        elif name == "jmp":
            pc = op[1]
        elif name == "print":
            out.append(stack.pop())
        else:
            raise ValueError("bad op " + name)
    return out, steps
factorial = """
    push 1
    store acc
    push 20
    store n
loop:
    load n
    jz done
    load acc
    load n
    mul
    store acc
    load n
    push 1
    sub
    store n
    jmp loop
done:
    load acc
    print
"""
sum_odds = """
    push 0
    store s
    push 10000
    store i
top:
    load i
    jz end
    load i
    push 2
    mod
    jz skip
    load s
    load i
    add
    store s
skip:
    load i
    push 1
    sub
    store i
    jmp top
end:
    load s
    print
"""
for prog in (factorial, sum_odds):
    print(run(assemble(prog)))
