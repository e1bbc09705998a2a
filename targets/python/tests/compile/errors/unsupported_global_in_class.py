class A:
    global x
