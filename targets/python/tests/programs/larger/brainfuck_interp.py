# A brainfuck interpreter written in Python, running a program that prints text.
def run(code, inp=""):
    jumps, stack = {}, []
    for i, c in enumerate(code):
        if c == "[":
            stack.append(i)
        elif c == "]":
            j = stack.pop()
            jumps[i], jumps[j] = j, i
    tape = [0] * 300
    ptr = pc = ip = 0
    out = []
    steps = 0
    while pc < len(code):
        c = code[pc]
        steps += 1
        if c == ">":
            ptr += 1
        elif c == "<":
            ptr -= 1
        elif c == "+":
            tape[ptr] = (tape[ptr] + 1) % 256
        elif c == "-":
            tape[ptr] = (tape[ptr] - 1) % 256
        elif c == ".":
            out.append(chr(tape[ptr]))
        elif c == ",":
            tape[ptr] = ord(inp[ip]) if ip < len(inp) else 0
            ip += 1
        elif c == "[" and tape[ptr] == 0:
            pc = jumps[pc]
        elif c == "]" and tape[ptr] != 0:
            pc = jumps[pc]
        pc += 1
    return "".join(out), steps
hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++."
print(run(hello))
rev = ">,[>,]<[.<]"
print(run(rev, "stressed"))
add = ",>,[<+>-]<------------------------------------------------."
print(run(add, "34"))
