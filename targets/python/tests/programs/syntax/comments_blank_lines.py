# Comments and blank lines everywhere a program may have them.

x = 1  # trailing comment


# comment between statements
def f(a,  # comment in parameters
      b):
    # comment in a body

    return a + b  # comment after return
print(f(x,
        # comment in arguments
        2))
data = [
    1,  # one
    # two is missing
    3,
]
print(data)  # done
