# break outside a loop is a compile error.
if True:
    break
